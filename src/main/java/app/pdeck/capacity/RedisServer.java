package app.pdeck.capacity;

import java.util.Map;

/**
 * What Redis says about its memory ({@code INFO}: {@code used_memory}, {@code maxmemory},
 * {@code maxmemory_policy}, {@code evicted_keys}, {@code uptime_in_seconds}); with several masters (Cluster) the
 * fullest master's memory and the sum of the evictions.
 *
 * @param maxMemory          0 means no limit: Redis grows until the host runs out
 * @param evictionsPerMinute evictions per minute over {@code evictionBasis}
 */
public record RedisServer(long usedMemory, long maxMemory, String policy, long evictedKeys, long uptimeSeconds,
                          double evictionsPerMinute, String evictionBasis) {

    public boolean unlimited() {
        return maxMemory <= 0;
    }

    /** used / max, or null without a limit. */
    public Double memoryRatio() {
        return unlimited() ? null : (double) usedMemory / maxMemory;
    }

    /** One node's {@code INFO} answer, before the eviction rate is known. */
    static RedisServer fromInfo(Map<String, String> info) {
        return new RedisServer(number(info, "used_memory"), number(info, "maxmemory"),
                info.getOrDefault("maxmemory_policy", "unknown"), number(info, "evicted_keys"),
                number(info, "uptime_in_seconds"), 0, "");
    }

    /** Several masters as one: the fullest one's memory, all evictions, the youngest uptime. */
    static RedisServer combine(Iterable<RedisServer> masters) {
        RedisServer fullest = null;
        long evicted = 0;
        long uptime = Long.MAX_VALUE;
        for (RedisServer m : masters) {
            evicted += m.evictedKeys;
            uptime = Math.min(uptime, m.uptimeSeconds);
            if (fullest == null || fuller(m, fullest)) {
                fullest = m;
            }
        }
        if (fullest == null) {
            throw new IllegalArgumentException("no Redis master answered");
        }
        return new RedisServer(fullest.usedMemory, fullest.maxMemory, fullest.policy, evicted, uptime, 0, "");
    }

    private static boolean fuller(RedisServer a, RedisServer b) {
        if (a.unlimited() != b.unlimited()) {
            return !a.unlimited();
        }
        return a.unlimited() ? a.usedMemory > b.usedMemory : a.memoryRatio() > b.memoryRatio();
    }

    RedisServer withEvictionRate(double perMinute, String basis) {
        return new RedisServer(usedMemory, maxMemory, policy, evictedKeys, uptimeSeconds, perMinute, basis);
    }

    private static long number(Map<String, String> info, String key) {
        String value = info.get(key);
        if (value == null || value.isBlank()) {
            return 0;
        }
        return Long.parseLong(value.trim());
    }
}
