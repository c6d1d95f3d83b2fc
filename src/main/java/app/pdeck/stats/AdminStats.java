package app.pdeck.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/admin/stats}: accounts, users active (an answered request) in the last day, week and 30 days,
 * tasks created per UTC day over the last 30 days (oldest first, today last), and the archive's size.
 */
public record AdminStats(long users, ActiveUsers activeUsers, List<Day> tasksCreatedPerDay, Archive archive,
                         Instant computedAt) {

    /** Distinct users with a request in each window (from {@code user_activity}). */
    public record ActiveUsers(long last24Hours, long last7Days, long last30Days) {
    }

    /** Tasks created on one UTC day. */
    public record Day(LocalDate day, long created) {
    }

    /** {@code tasks_archive}: documents, their BSON size in bytes ({@code collStats}), oldest and newest archiving. */
    public record Archive(long tasks, Long dataSize, Instant oldestArchivedAt, Instant newestArchivedAt) {
    }
}
