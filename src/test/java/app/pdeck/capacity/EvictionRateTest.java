package app.pdeck.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EvictionRateTest {

    private static RedisServer evicted(long keys, long uptime) {
        return new RedisServer(1, 0, "allkeys-lru", keys, uptime, 0, "");
    }

    private static long seconds(long s) {
        return TimeUnit.SECONDS.toNanos(s);
    }

    @Test
    void theFirstReadingAveragesSinceRedisStarted() {
        RedisServer r = new EvictionRate().rate(evicted(600, 3600), seconds(1000));
        assertEquals(10.0, r.evictionsPerMinute());
        assertEquals("average since Redis started 3600 s ago", r.evictionBasis());
    }

    @Test
    void laterReadingsCountSinceThePreviousOne() {
        EvictionRate rate = new EvictionRate();
        rate.rate(evicted(600, 3600), seconds(1000));
        RedisServer r = rate.rate(evicted(630, 3630), seconds(1030));
        assertEquals(60.0, r.evictionsPerMinute());
        assertEquals("since the previous reading 30 s ago", r.evictionBasis());
        RedisServer quiet = rate.rate(evicted(630, 3690), seconds(1090));
        assertEquals(0.0, quiet.evictionsPerMinute());
    }

    @Test
    void aReadingSoonAfterThePreviousKeepsTheLongRunAverage() {
        EvictionRate rate = new EvictionRate();
        rate.rate(evicted(600, 3600), seconds(1000));
        RedisServer soon = rate.rate(evicted(601, 3602), seconds(1002));
        assertEquals("average since Redis started 3602 s ago", soon.evictionBasis());
        // the baseline stayed at the first reading
        assertEquals("since the previous reading 20 s ago", rate.rate(evicted(620, 3620), seconds(1020)).evictionBasis());
    }

    @Test
    void aRestartedRedisStartsOver() {
        EvictionRate rate = new EvictionRate();
        rate.rate(evicted(600, 3600), seconds(1000));
        RedisServer restarted = rate.rate(evicted(5, 60), seconds(1100));
        assertEquals(5.0, restarted.evictionsPerMinute());
        assertEquals("average since Redis started 60 s ago", restarted.evictionBasis());
    }

    @Test
    void infoAnswersAreReadAndSeveralMastersCombine() {
        RedisServer a = RedisServer.fromInfo(Map.of("used_memory", "800", "maxmemory", "1000",
                "maxmemory_policy", "allkeys-lru", "evicted_keys", "7", "uptime_in_seconds", "100"));
        RedisServer b = RedisServer.fromInfo(Map.of("used_memory", "950", "maxmemory", "1000",
                "maxmemory_policy", "allkeys-lru", "evicted_keys", "3", "uptime_in_seconds", "50"));
        RedisServer c = RedisServer.combine(java.util.List.of(a, b));
        assertEquals(950, c.usedMemory());
        assertEquals(0.95, c.memoryRatio());
        assertEquals(10, c.evictedKeys());
        assertEquals(50, c.uptimeSeconds());
        RedisServer unlimited = RedisServer.fromInfo(Map.of("used_memory", "5", "maxmemory", "0", "uptime_in_seconds", "50"));
        assertEquals(null, unlimited.memoryRatio());
        assertEquals(b, RedisServer.combine(java.util.List.of(unlimited, b)), "a limited master is the one to watch");
    }
}
