package app.pdeck.migration;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/admin/migrations} answers: applied migrations (from the changelog), pending ones (with
 * their last failed attempt, if any), drift, versions in the changelog that this build has no code for, the state of
 * this node's last run, and who holds the migration lock right now ({@code null} when nobody does).
 */
public record MigrationStatus(List<ChangelogEntry> applied, List<Pending> pending, List<Drift> drift,
                              List<String> appliedWithoutCode, MigrationState.Snapshot lastRun, LockHolder lock) {

    /** The runner holding the cluster lock: {@code node/run-id} and the end of its current lease. */
    public record LockHolder(String owner, Instant expiresAt) {
    }

    /** A migration not applied yet; {@code lastFailure} is set when an attempt failed. */
    public record Pending(String version, String description, boolean transactional, FailedAttempt lastFailure) {
    }
}
