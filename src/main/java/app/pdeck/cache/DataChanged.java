package app.pdeck.cache;

/**
 * Fired (synchronously, with {@code jakarta.enterprise.event.Event}) after data that caches may hold has changed and
 * the change is durable: one user's data ({@code userId} set) or everybody's ({@code userId == null}, e.g. archive
 * job, restore, migrations). The cache layer observes it and makes every later read see the change: this event is
 * the one way a write invalidates ({@link CacheInvalidation}).
 */
public record DataChanged(String userId) {

    public static DataChanged forUser(String userId) {
        return new DataChanged(userId);
    }

    public static DataChanged forEveryone() {
        return new DataChanged(null);
    }

    public boolean affectsEveryone() {
        return userId == null;
    }
}
