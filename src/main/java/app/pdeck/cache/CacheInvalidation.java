package app.pdeck.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The one way to tell the cache that data changed, called (or reached through a {@link DataChanged} event) after the
 * database write. It bumps a version in Redis, so every node's next read misses; it never deletes entries. Runs even
 * with {@code pdeck.cache.enabled=false}, so a node without cache still invalidates for nodes with one.
 */
@ApplicationScoped
public class CacheInvalidation {

    @Inject
    CacheRuntime runtime;

    /** For one user: everything cached for them (caches with a {@code @CacheOwner}); else for everybody. */
    void onDataChanged(@Observes DataChanged change) {
        if (change.affectsEveryone()) {
            runtime.engine().allUserDataChanged();
        } else {
            runtime.engine().userDataChanged(change.userId());
        }
    }
}
