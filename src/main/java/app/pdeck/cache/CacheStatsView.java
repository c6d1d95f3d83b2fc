package app.pdeck.cache;

/**
 * Statistics of one cache on this node since deployment: lookups that hit (of them, answered from this JVM's near
 * cache) or missed, values stored, entries removed
 * (explicit removes and flushes; TTL expiry happens inside Redis and is not counted), Redis errors, calls served without the cache (Redis down, breaker open),
 * database loads and their time, and lookups keyed by the versions the request gate had already read
 * ({@code versionsFromGate}: no Redis call of their own for the versions), and of those the lookups whose entry, or
 * its absence, the gate's script read too ({@code entriesFromGate}: no Redis call of their own at all).
 */
public record CacheStatsView(String name, long ttlSeconds, long hits, long nearHits, long misses, double hitRatio, long puts,
                             long removals, long errors, long bypassed, long loads,
                             double averageLoadMs, double maxLoadMs, long versionsFromGate,
                             long entriesFromGate) {
}
