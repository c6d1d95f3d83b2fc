package app.pdeck.capacity;

import app.pdeck.platform.LatencyWindow.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns signals into recommendations; pure, so each rule is tested on given numbers. A p99 counts only when the
 * window holds at least {@link Thresholds#minSamples()} samples. The rules:
 * <ol>
 * <li>Requests slow (p99 over target) or many in flight, and this JVM CPU-bound → {@link Action#ADD_NODE}.</li>
 * <li>MongoDB pool pressure (checkout wait p99 over target, or checkouts waiting while every connection is in use):
 * below the pool's upper bound → {@link Action#RAISE_MONGO_POOL}; at the bound → {@link Action#ADD_READ_REPLICA}
 * when reads dominate, else {@link Action#ADD_NODE}.</li>
 * <li>MongoDB commands slow while reads dominate → {@link Action#ADD_READ_REPLICA}.</li>
 * <li>Redis near its maxmemory, or evicting → {@link Action#ADD_REDIS_MEMORY}.</li>
 * <li>The cache's Redis calls slow and the Redis pool below its bound → {@link Action#RAISE_REDIS_POOL}.</li>
 * </ol>
 * Several rules asking for the same action become one recommendation with all their numbers. Nothing fires →
 * one {@link Action#NONE}, naming the signals that had too few samples to judge.
 */
public final class CapacityRules {

    private final Thresholds limits;
    private final PoolBounds bounds;

    public CapacityRules(Thresholds limits, PoolBounds bounds) {
        this.limits = limits;
        this.bounds = bounds;
    }

    public List<Recommendation> recommend(Signals s) {
        Map<Action, Recommendation> found = new LinkedHashMap<>();
        busyNode(s, found);
        mongoPool(s, found);
        slowReads(s, found);
        redisMemory(s, found);
        redisPool(s, found);
        if (found.isEmpty()) {
            return List.of(none(s));
        }
        return List.copyOf(found.values());
    }

    private void busyNode(Signals s, Map<Action, Recommendation> found) {
        boolean slow = trusted(s.http()) && s.http().p99Ms() > limits.httpP99Ms();
        boolean crowded = s.httpInFlight() > limits.httpMaxInFlight();
        boolean cpuBound = s.processCpu() != null && s.processCpu() >= limits.cpuHigh();
        if ((slow || crowded) && cpuBound) {
            List<Evidence> numbers = new ArrayList<>();
            if (slow) {
                numbers.add(new Evidence("http.p99", s.http().p99Ms(), limits.httpP99Ms(), "ms"));
            }
            if (crowded) {
                numbers.add(new Evidence("http.inFlight", s.httpInFlight(), limits.httpMaxInFlight(), "requests"));
            }
            numbers.add(new Evidence("cpu.process", s.processCpu(), limits.cpuHigh(), "fraction of all cores"));
            add(found, new Recommendation(Action.ADD_NODE, (slow ? "Requests are slow" : "Many requests are in flight")
                    + " and this node's CPU is busy (" + percent(s.processCpu()) + "): another node shares the load.",
                    numbers));
        }
    }

    private void mongoPool(Signals s, Map<Action, Recommendation> found) {
        boolean slowCheckout = trusted(s.mongoPoolWait()) && s.mongoPoolWait().p99Ms() > limits.mongoPoolWaitP99Ms();
        boolean exhausted = s.mongoWaitQueue() > 0 && s.mongoPoolInUse() >= s.mongoPoolMax();
        if (!slowCheckout && !exhausted) {
            return;
        }
        List<Evidence> numbers = new ArrayList<>();
        if (slowCheckout) {
            numbers.add(new Evidence("mongo.pool.waitP99", s.mongoPoolWait().p99Ms(), limits.mongoPoolWaitP99Ms(),
                    "ms"));
        }
        if (exhausted) {
            numbers.add(new Evidence("mongo.pool.waitQueue", s.mongoWaitQueue(), 0, "checkouts"));
            numbers.add(new Evidence("mongo.pool.inUse", s.mongoPoolInUse(), s.mongoPoolMax(), "connections"));
        }
        String pressure = slowCheckout ? "Requests wait for a MongoDB connection" : "Every MongoDB connection is in use"
                + " and requests queue for one";
        if (s.mongoPoolMax() < bounds.mongoMax()) {
            int next = PoolBounds.raised(s.mongoPoolMax(), bounds.mongoMax());
            numbers.add(new Evidence("mongo.pool.maxSize", s.mongoPoolMax(), bounds.mongoMax(), "connections"));
            add(found, new Recommendation(Action.RAISE_MONGO_POOL, pressure + ": raise the pool from "
                    + s.mongoPoolMax() + " to " + next + " (bound " + bounds.mongoMax() + ").", numbers));
            return;
        }
        numbers.add(new Evidence("mongo.pool.maxSize", s.mongoPoolMax(), bounds.mongoMax(), "connections"));
        Double share = s.readShare();
        if (share != null && share >= limits.readShare()) {
            numbers.add(new Evidence("mongo.readShare", round(share), limits.readShare(), "fraction of commands"));
            add(found, new Recommendation(Action.ADD_READ_REPLICA, pressure + " with the pool at its bound ("
                    + bounds.mongoMax() + ") and mostly reads (" + percent(share)
                    + "): a secondary takes the reads that may lag.", numbers));
        } else {
            add(found, new Recommendation(Action.ADD_NODE, pressure + " with the pool at its bound ("
                    + bounds.mongoMax() + ") and mostly writes: another node brings its own pool.", numbers));
        }
    }

    private void slowReads(Signals s, Map<Action, Recommendation> found) {
        Double share = s.readShare();
        if (!trusted(s.mongoCommands()) || s.mongoCommands().p99Ms() <= limits.mongoCommandP99Ms()
                || share == null || share < limits.readShare()) {
            return;
        }
        add(found, new Recommendation(Action.ADD_READ_REPLICA, "MongoDB commands are slow and mostly reads ("
                + percent(share) + "): a secondary takes the reads that may lag.",
                List.of(new Evidence("mongo.commands.p99", s.mongoCommands().p99Ms(), limits.mongoCommandP99Ms(), "ms"),
                        new Evidence("mongo.readShare", round(share), limits.readShare(), "fraction of commands"))));
    }

    private void redisMemory(Signals s, Map<Action, Recommendation> found) {
        RedisServer redis = s.redis();
        if (redis == null) {
            return;
        }
        Double ratio = redis.memoryRatio();
        if (ratio != null && ratio >= limits.redisMemoryRatio()) {
            add(found, new Recommendation(Action.ADD_REDIS_MEMORY, "Redis uses " + percent(ratio)
                    + " of its maxmemory (" + redis.usedMemory() + " of " + redis.maxMemory() + " bytes).",
                    List.of(new Evidence("redis.memoryRatio", round(ratio), limits.redisMemoryRatio(),
                            "fraction of maxmemory"))));
        }
        if (redis.evictionsPerMinute() > limits.redisEvictionsPerMinute()) {
            add(found, new Recommendation(Action.ADD_REDIS_MEMORY, "Redis evicts keys ("
                    + redis.evictionsPerMinute() + " per minute, " + redis.evictionBasis()
                    + "): the cache does not fit.",
                    List.of(new Evidence("redis.evictionsPerMinute", redis.evictionsPerMinute(),
                            limits.redisEvictionsPerMinute(), "keys per minute"))));
        }
    }

    private void redisPool(Signals s, Map<Action, Recommendation> found) {
        if (!trusted(s.redisCalls()) || s.redisCalls().p99Ms() <= limits.redisP99Ms()
                || s.redisPoolSize() >= bounds.redisMax()) {
            return;
        }
        int next = PoolBounds.raised(s.redisPoolSize(), bounds.redisMax());
        add(found, new Recommendation(Action.RAISE_REDIS_POOL, "Redis calls are slow: raise the pool from "
                + s.redisPoolSize() + " to " + next + " (bound " + bounds.redisMax() + ").",
                List.of(new Evidence("redis.calls.p99", s.redisCalls().p99Ms(), limits.redisP99Ms(), "ms"),
                        new Evidence("redis.pool.size", s.redisPoolSize(), bounds.redisMax(), "connections"))));
    }

    private Recommendation none(Signals s) {
        List<String> unknown = new ArrayList<>();
        few(unknown, "request p99", s.http());
        few(unknown, "MongoDB pool wait p99", s.mongoPoolWait());
        few(unknown, "MongoDB command p99", s.mongoCommands());
        few(unknown, "Redis call p99", s.redisCalls());
        if (s.processCpu() == null) {
            unknown.add("process CPU (not sampled yet, or not reported by this JVM)");
        }
        if (s.redis() == null) {
            unknown.add("Redis memory (Redis did not answer)");
        } else if (s.redis().unlimited()) {
            unknown.add("Redis memory ratio (maxmemory 0: unlimited, Redis grows until the host runs out)");
        }
        return new Recommendation(Action.NONE, "Every signal is within its threshold."
                + (unknown.isEmpty() ? "" : " Not judged: " + String.join("; ", unknown) + "."), List.of());
    }

    private void few(List<String> unknown, String what, Snapshot window) {
        if (!trusted(window)) {
            unknown.add(what + " (" + window.count() + " samples in the last minute, fewer than "
                    + limits.minSamples() + ")");
        }
    }

    private boolean trusted(Snapshot window) {
        return window.count() >= limits.minSamples();
    }

    private static void add(Map<Action, Recommendation> found, Recommendation r) {
        found.merge(r.action(), r, Recommendation::and);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f %%", fraction * 100);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
