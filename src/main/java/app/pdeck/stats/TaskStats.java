package app.pdeck.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats/tasks}: the caller's active tasks (archived ones are not counted) by status, how many are
 * overdue (not DONE, due date passed), DONE tasks per week for the last 12 ISO weeks (Monday 00:00 UTC, oldest
 * first, the current week last), the mean time from creation to completion of DONE tasks ({@code null} when there
 * is none) and the ten most used tags.
 */
public record TaskStats(long total, Map<String, Long> byStatus, long overdue, List<Week> completedPerWeek,
                        Double averageHoursToDone, List<TagCount> topTags, Instant computedAt) {

    /** Tasks completed in the week starting {@code weekStart} (a Monday, UTC). */
    public record Week(LocalDate weekStart, long completed) {
    }

    /** A tag and the number of the caller's tasks carrying it. */
    public record TagCount(String tag, long tasks) {
    }
}
