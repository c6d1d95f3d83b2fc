package app.pdeck.security.ratelimit;

import java.util.List;

/**
 * A sliding-window counter for high-volume budgets (the per-user API limit): two counters per subject, this fixed
 * window's and the previous one's, and a request fits while {@code previous × (share of the previous window still
 * inside the sliding window) + current} is below the permits. One round trip and O(1) work in Redis per request,
 * whatever the rate — Redisson's {@code RRateLimiter} keeps one sorted-set entry per permit and scans them on every
 * acquire, which at 6,000 permits a minute cost more than the rest of a cached read. The price is an approximation
 * (it assumes the previous window's requests were spread evenly); the exact limiter stays on the low-volume sign-in
 * and registration budgets, where exactness matters and the rate does not.
 *
 * <p>Windows are numbered by each node's clock; nodes whose clocks differ by a few milliseconds count a request at
 * a window edge in either window, which the approximation already allows for.
 */
final class WindowCounter {

    /**
     * KEYS: current window's counter, previous window's counter (same hash tag, so one slot in a cluster).
     * ARGV: permits, window in ms, ms elapsed in the current window. Returns the new count, or -1 when refused
     * (a refused request is not counted).
     */
    static final String SCRIPT = """
            local current = tonumber(redis.call('get', KEYS[1]) or '0')
            local previous = tonumber(redis.call('get', KEYS[2]) or '0')
            local window = tonumber(ARGV[2])
            local weighted = previous * (window - tonumber(ARGV[3])) / window + current
            if weighted + 1 > tonumber(ARGV[1]) then
              return -1
            end
            current = redis.call('incr', KEYS[1])
            if current == 1 then
              redis.call('pexpire', KEYS[1], window * 2)
            end
            return current
            """;

    private WindowCounter() {
    }

    /** The two counter keys for this moment: this window's, then the previous one's. */
    static List<Object> keys(RateLimit limit, String hashTaggedSubject, long epochMillis) {
        long window = windowIndex(limit, epochMillis);
        String base = limit.key(hashTaggedSubject) + ":w";
        return List.of(base + window, base + (window - 1));
    }

    static long windowIndex(RateLimit limit, long epochMillis) {
        return Math.floorDiv(epochMillis, limit.window().toMillis());
    }

    static long elapsedInWindow(RateLimit limit, long epochMillis) {
        return Math.floorMod(epochMillis, limit.window().toMillis());
    }

    /**
     * What the script decides, for tests of the rule: whether one more request fits, given the two counts and how
     * far into the current window we are.
     */
    static boolean fits(RateLimit limit, long previous, long current, long elapsedMillis) {
        double window = limit.window().toMillis();
        return previous * (window - elapsedMillis) / window + current + 1 <= limit.permits();
    }
}
