package app.pdeck.cache;

import java.util.List;

/**
 * {@code GET /api/v1/admin/cache/stats}: whether caching is on, the Redis breaker's state (CLOSED, OPEN, HALF_OPEN),
 * invalidations written and those that could not be (covered by the epoch bump on recovery), the entries held in
 * this node's near cache, and per cache statistics of this node.
 */
public record CacheReport(boolean enabled, String redis, long invalidations, long invalidationFailures,
                          int loadsInFlight, long nearCacheEntries, List<CacheStatsView> caches) {
}
