package app.pdeck.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter that holds the id of the user who owns the cached data. The cache then keys the entry by that
 * user's generation as well, so {@link DataChanged#forUser} makes
 * every entry of that user unreachable at once, with no race against loads in flight.
 *
 * <pre>{@code
 * @CacheResult(cacheName = "task-lists")
 * public List<TaskView> list(@CacheOwner String userId, @CacheKey TaskQuery query) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CacheOwner {
}
