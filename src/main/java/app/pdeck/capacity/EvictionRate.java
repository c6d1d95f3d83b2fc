package app.pdeck.capacity;

import java.util.concurrent.TimeUnit;

/**
 * Evictions per minute from Redis's cumulative {@code evicted_keys}: since the previous reading when that is at least
 * {@code MIN_INTERVAL} old (then this reading becomes the next baseline), otherwise, and after a Redis restart (the
 * counter went down), averaged since Redis started.
 */
final class EvictionRate {

    static final long MIN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Reading(long at, long evicted) {
    }

    private Reading baseline;

    synchronized RedisServer rate(RedisServer server, long now) {
        Reading previous = baseline;
        if (previous != null && server.evictedKeys() >= previous.evicted && now - previous.at >= MIN_INTERVAL_NANOS) {
            double seconds = (now - previous.at) / 1e9;
            baseline = new Reading(now, server.evictedKeys());
            return server.withEvictionRate(round((server.evictedKeys() - previous.evicted) * 60 / seconds),
                    "since the previous reading " + Math.round(seconds) + " s ago");
        }
        if (previous == null || server.evictedKeys() < previous.evicted) {
            baseline = new Reading(now, server.evictedKeys());
        }
        long uptime = Math.max(1, server.uptimeSeconds());
        return server.withEvictionRate(round(server.evictedKeys() * 60.0 / uptime),
                "average since Redis started " + uptime + " s ago");
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
