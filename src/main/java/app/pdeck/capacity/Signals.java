package app.pdeck.capacity;

import app.pdeck.platform.LatencyWindow.Snapshot;

/**
 * Everything the rules look at, measured on this node a moment ago. Latencies are the last minute's
 * ({@link app.pdeck.platform.LatencyWindow}); a value the platform could not measure is null.
 *
 * @param processCpu   this JVM's CPU load, 0..1 of all cores (null: not available)
 * @param systemCpu    the whole machine's CPU load, 0..1 (null: not available)
 * @param loadAverage  the one-minute load average (negative: not available)
 * @param mongoPoolMax the largest pool the current MongoDB client may open per server
 * @param redis        Redis's memory and evictions (null: Redis did not answer)
 */
public record Signals(int httpInFlight, Snapshot http, Double processCpu, Double systemCpu, double loadAverage,
                      int cores, int mongoPoolMax, int mongoPoolInUse, int mongoWaitQueue, Snapshot mongoPoolWait,
                      Snapshot mongoReads, Snapshot mongoWrites, Snapshot mongoCommands, Double cacheHitRatio,
                      Snapshot redisCalls, int redisPoolSize, RedisServer redis) {

    /** Reads among MongoDB reads and writes (by rate over the last minute); null without either. */
    public Double readShare() {
        double reads = mongoReads.perSecond();
        double writes = mongoWrites.perSecond();
        return reads + writes == 0 ? null : reads / (reads + writes);
    }
}
