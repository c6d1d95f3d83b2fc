package app.pdeck.migration;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/v1/admin/migrations} answers: applied migrations (from the changelog), pending ones (with
 * their last failed attempt, if any), drift, versions in the changelog that this build has no code for, the state of
 * this node's last run, who holds the migration lock right now ({@code null} when nobody does), and the backup taken
 * before the last run that changed data ({@code null} when none was).
 */
public record MigrationStatus(List<ChangelogEntry> applied, List<Pending> pending, List<Drift> drift,
                              List<String> appliedWithoutCode, MigrationState.Snapshot lastRun, LockHolder lock,
                              BackupBefore lastBackup) {

    /**
     * A backup taken automatically before a run that changed data: restoring it (with the code of that time) returns
     * to the changelog version {@code changelogVersion}, whatever the migrations' {@code down} can undo.
     */
    public record BackupBefore(String backupId, String changelogVersion, String direction, List<String> migrations,
                               Instant takenAt) {
    }

    /** The runner holding the cluster lock: {@code node/run-id} and the end of its current lease. */
    public record LockHolder(String owner, Instant expiresAt) {
    }

    /** A migration not applied yet; {@code lastFailure} is set when an attempt failed. */
    public record Pending(String version, String description, boolean transactional, FailedAttempt lastFailure) {
    }
}
