package app.pdeck.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.AnnotatedMethod;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.enterprise.util.Nonbinding;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;

/**
 * Turns the JSR-107 annotations into CDI interceptor bindings (they predate jakarta and carry no
 * {@code @InterceptorBinding}). Every member is {@code @Nonbinding}, so one interceptor per annotation serves all
 * cache names; the interceptors read the members from the intercepted method. It also checks every annotated
 * method at deployment and collects the cache names, so the admin endpoints know every cache before its first use.
 *
 * <p>{@code @CachePut} fails the deployment: a write tells the cache through one path, the {@link DataChanged} event
 * after the database write, which moves the owner's generation so the next read loads the new state. A put beside
 * it would have to know which generation that event produced, and whether another write came in between.
 */
public class CacheAnnotationsExtension implements Extension {

    static final List<Class<? extends Annotation>> BINDINGS =
            List.of(CacheResult.class, CacheRemove.class, CacheRemoveAll.class);

    void registerInterceptorBindings(@Observes BeforeBeanDiscovery discovery) {
        for (Class<? extends Annotation> binding : BINDINGS) {
            discovery.configureInterceptorBinding(binding).methods()
                    .forEach(member -> member.add(Nonbinding.Literal.INSTANCE));
        }
    }

    private final Set<String> cacheNames = new TreeSet<>();
    private final ObjectMapper json = CacheJson.newMapper();

    <T> void collectCacheNames(@Observes @WithAnnotations({CacheResult.class, CachePut.class, CacheRemove.class,
            CacheRemoveAll.class}) ProcessAnnotatedType<T> type) {
        for (AnnotatedMethod<? super T> method : type.getAnnotatedType().getMethods()) {
            if (method.isAnnotationPresent(CachePut.class)) {
                throw new DefinitionException(CachedMethod.describe(method.getJavaMember()) + ": @CachePut is not "
                        + "supported; fire DataChanged after the write instead (see CacheAnnotationsExtension)");
            }
            check(method, CacheResult.class, CachedMethod.Kind.RESULT);
            check(method, CacheRemove.class, CachedMethod.Kind.REMOVE);
            check(method, CacheRemoveAll.class, CachedMethod.Kind.REMOVE_ALL);
        }
    }

    private void check(AnnotatedMethod<?> method, Class<? extends Annotation> annotation, CachedMethod.Kind kind) {
        if (method.isAnnotationPresent(annotation)) {
            CachedMethod cached = CachedMethod.of(kind, method.getJavaMember(), json);
            synchronized (cacheNames) {
                cacheNames.add(cached.cacheName);
            }
        }
    }

    /** The names of all caches used by annotated methods of this deployment. */
    Set<String> cacheNames() {
        synchronized (cacheNames) {
            return Set.copyOf(cacheNames);
        }
    }
}
