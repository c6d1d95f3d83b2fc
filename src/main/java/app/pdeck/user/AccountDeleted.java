package app.pdeck.user;

/**
 * Fired synchronously while an account is deleted: after it was marked (it can no longer sign in nor change) and its
 * tokens were revoked, before the account document goes. Each feature removes what the account owns from its own
 * collections, so no feature reaches into another's. Observers must be idempotent: after a crash the deletion sweep
 * fires it again; one that fails leaves the account marked, and the sweep retries.
 */
public record AccountDeleted(String userId) {
}
