package app.pdeck.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Answer of the history API: with a {@code metric}, its points; without one, the whole snapshots.
 * {@code truncated} says the range held more snapshots than one answer carries.
 */
public record MetricsHistory(Instant from, Instant to, String metric, List<Point> points,
                             List<Map<String, Object>> snapshots, boolean truncated) {

    /** One value of a metric at a time. */
    public record Point(Instant at, Object value) {
    }
}
