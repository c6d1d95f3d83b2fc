package app.pdeck.cache;

/**
 * Fired (synchronously, with {@code jakarta.enterprise.event.Event}) after data that caches may hold has changed and
 * the change is durable: one user's data ({@code userId} set) or everybody's ({@code userId == null}, e.g. archive
 * job, restore, migrations). The cache layer observes it and makes every later read see the change.
 */
public record DataChanged(String userId, String reason) {

    public static DataChanged forUser(String userId, String reason) {
        return new DataChanged(userId, reason);
    }

    public static DataChanged forEveryone(String reason) {
        return new DataChanged(null, reason);
    }

    public boolean affectsEveryone() {
        return userId == null;
    }
}
