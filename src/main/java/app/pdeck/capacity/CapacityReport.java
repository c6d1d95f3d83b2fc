package app.pdeck.capacity;

import java.time.Instant;
import java.util.List;

/** {@code GET /admin/capacity}: this node's signals with their thresholds, its pools, and what to do. */
public record CapacityReport(Instant at, String node, List<SignalView> signals, PoolsView pools,
                             List<Recommendation> recommendations) {
}
