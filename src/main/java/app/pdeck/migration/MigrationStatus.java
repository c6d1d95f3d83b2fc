package app.pdeck.migration;

import java.util.List;

/**
 * What {@code GET /api/v1/admin/migrations} answers: applied migrations (from the changelog), pending ones (with
 * their last failed attempt, if any), drift, versions in the changelog that this build has no code for, and the
 * state of this node's last run.
 */
public record MigrationStatus(List<ChangelogEntry> applied, List<Pending> pending, List<Drift> drift,
                              List<String> appliedWithoutCode, MigrationState.Snapshot lastRun) {

    /** A migration not applied yet; {@code lastFailure} is set when an attempt failed. */
    public record Pending(String version, String description, boolean transactional, FailedAttempt lastFailure) {
    }
}
