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

    /** Everything cached for this user (caches with a {@code @CacheOwner}) is outdated. */
    public void userDataChanged(String userId) {
        runtime.engine().userDataChanged(userId);
    }

    /** Everything cached for everybody is outdated (archive job, restore, migrations). */
    public void allUserDataChanged() {
        runtime.engine().allUserDataChanged();
    }

    void onDataChanged(@Observes DataChanged change) {
        if (change.affectsEveryone()) {
            allUserDataChanged();
        } else {
            userDataChanged(change.userId());
        }
    }
}
