package app.pdeck.capacity;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.cache.CacheRuntime;
import app.pdeck.monitoring.HttpMetricsFilter;
import app.pdeck.monitoring.MongoCommandMetrics;
import app.pdeck.monitoring.MongoPoolMetrics;
import app.pdeck.platform.LatencyWindow.Snapshot;
import app.pdeck.platform.NodeName;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.platform.problem.ProblemDetail;
import app.pdeck.platform.redis.RedisConnection;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.security.CurrentUser;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Gathers this node's load signals, holds them against the configured thresholds ({@link CapacityRules}), and
 * resizes the connection pools within their bounds by swapping in new clients (the credential-rotation swap, so calls
 * already running finish on the old client). Thresholds and bounds are read from configuration on every call, so an
 * operator's change applies at once.
 */
@ApplicationScoped
public class CapacityService {

    @Inject
    Logger log;

    @Inject
    Config config;

    @Inject
    HttpMetricsFilter http;

    @Inject
    MongoPoolMetrics mongoPool;

    @Inject
    MongoCommandMetrics mongoCommands;

    @Inject
    CacheRuntime cache;

    @Inject
    MongoConnection mongo;

    @Inject
    RedisConnection redis;

    @Inject
    AuditTrail audit;

    @Inject
    CpuSampler cpuSampler;

    @Inject
    CurrentUser caller;

    @Resource
    ManagedExecutorService executor;

    private final EvictionRate evictions = new EvictionRate();
    private volatile PoolsView.Change lastChange;

    /** A Redis reading, or why there is none, and how long the {@code INFO} round trips took. */
    private record RedisReading(RedisServer server, String error, double millis) {
    }

    public CapacityReport report() {
        Thresholds limits = thresholds();
        PoolBounds bounds = bounds();
        RedisReading reading = readRedis();
        Signals signals = signals(reading.server());
        List<Recommendation> recommendations = new CapacityRules(limits, bounds).recommend(signals);
        return new CapacityReport(Instant.now(), NodeName.current(), views(signals, reading, limits), pools(bounds),
                recommendations);
    }

    public PoolsView pools() {
        return pools(bounds());
    }

    /**
     * Applies new pool sizes (null: unchanged) after checking them against the bounds; 422 and no change if not.
     * Sizes equal to the current ones change nothing and are not recorded.
     */
    public synchronized PoolsView resize(Integer mongoMaxSize, Integer redisPoolSize) {
        return resize(mongoMaxSize, redisPoolSize, "admin API");
    }

    /** Applies {@code mongodb.pool.max-size} and {@code redis.pool.size} as configured now, within the bounds. */
    public synchronized PoolsView applyConfigured() {
        return resize(config.getValue("mongodb.pool.max-size", Integer.class),
                config.getValue("redis.pool.size", Integer.class), "configuration");
    }

    private PoolsView resize(Integer mongoMaxSize, Integer redisPoolSize, String how) {
        if (mongoMaxSize == null && redisPoolSize == null) {
            throw ApiException.badRequest("Give mongoMaxSize, redisPoolSize or both");
        }
        PoolBounds bounds = bounds();
        List<ProblemDetail.FieldError> errors = bounds.check(mongoMaxSize, redisPoolSize);
        if (!errors.isEmpty()) {
            throw new ApiException(ApiException.UNPROCESSABLE, "pool-size-out-of-bounds", "Pool sizes must stay within "
                    + "pdeck.capacity.mongo-pool.min/max and pdeck.capacity.redis-pool.min/max ("
                    + how + "); nothing was changed", errors);
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        int mongoBefore = mongo.poolMaxSize();
        int redisBefore = redis.poolSize();
        if (mongoMaxSize != null && mongoMaxSize != mongoBefore) {
            mongo.resizePool(mongoMaxSize);
            changes.put("mongoMaxSize", mongoBefore + " -> " + mongoMaxSize);
        }
        if (redisPoolSize != null && redisPoolSize != redisBefore) {
            redis.resizePool(redisPoolSize);
            changes.put("redisPoolSize", redisBefore + " -> " + redisPoolSize);
        }
        if (changes.isEmpty()) {
            return pools(bounds);
        }
        changes.put("via", how);
        lastChange = new PoolsView.Change(Instant.now(), actor(), how, mongo.poolMaxSize(), redis.poolSize());
        audit.record("capacity.pools.resize", AuditOutcome.SUCCESS, "connection pools", changes);
        log.info(() -> "Connection pools resized (" + how + ") by " + lastChange.by() + ": " + changes);
        return pools(bounds);
    }

    private String actor() {
        try {
            String email = caller.email();
            return email == null ? caller.id() : email;
        } catch (RuntimeException noCaller) {
            return "system";
        }
    }

    private PoolsView pools(PoolBounds bounds) {
        return new PoolsView(new PoolsView.Pool(mongo.poolMaxSize(), bounds.mongoLowest(), bounds.mongoMax()),
                new PoolsView.Pool(redis.poolSize(), bounds.redisLowest(), bounds.redisMax()), lastChange);
    }

    // --- signals ---------------------------------------------------------------------------------------------

    private Signals signals(RedisServer redisServer) {
        MongoPoolMetrics.PoolTotals pool = mongoPool.totals();
        CacheRuntime.Load cacheLoad = cache.load();
        CpuSampler.Cpu cpu = cpuSampler.latest();
        return new Signals(http.inFlight(), http.recentLatency(), cpu.process(), cpu.system(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors(), mongo.poolMaxSize(), pool.inUse(), pool.waitQueue(),
                mongoPool.recentWaits(), mongoCommands.recentReads(), mongoCommands.recentWrites(),
                mongoCommands.recentCommands(), cacheLoad.hitRatio(), cacheLoad.redisCalls(), redis.poolSize(),
                redisServer);
    }

    /** {@code INFO} of every Redis master, bounded by the readiness probe's timeout. */
    private RedisReading readRedis() {
        long timeoutMs = config.getValue("pdeck.health.probe-timeout-ms", Long.class);
        long started = System.nanoTime();
        CompletableFuture<RedisServer> info = CompletableFuture.supplyAsync(this::redisInfo, executor);
        try {
            RedisServer server = info.get(timeoutMs, TimeUnit.MILLISECONDS);
            double millis = (System.nanoTime() - started) / 1e6;
            return new RedisReading(evictions.rate(server, System.nanoTime()), null, millis);
        } catch (TimeoutException e) {
            info.cancel(true);
            return new RedisReading(null, "no answer within " + timeoutMs + " ms", timeoutMs);
        } catch (ExecutionException e) {
            return new RedisReading(null, e.getCause().getClass().getSimpleName(),
                    (System.nanoTime() - started) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RedisReading(null, "interrupted", 0);
        }
    }

    private RedisServer redisInfo() {
        RedissonClient client = redis.client();
        List<RedisNode> masters = switch (redis.topology().mode()) {
            case SINGLE -> List.of(client.getRedisNodes(RedisNodes.SINGLE).getInstance());
            case SENTINEL -> List.of(client.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
            case CLUSTER -> List.copyOf(client.getRedisNodes(RedisNodes.CLUSTER).getMasters());
        };
        List<RedisServer> servers = new ArrayList<>();
        for (RedisNode master : masters) {
            servers.add(RedisServer.fromInfo(master.info(RedisNode.InfoSection.DEFAULT)));
        }
        return RedisServer.combine(servers);
    }

    private List<SignalView> views(Signals s, RedisReading reading, Thresholds t) {
        List<SignalView> v = new ArrayList<>();
        v.add(new SignalView("http.inFlight", (double) s.httpInFlight(), "requests", (double) t.httpMaxInFlight(),
                null, "requests of this node whose response is not produced yet (this one included)"));
        v.add(latency("http.p99", s.http(), t.httpP99Ms(), "REST requests of this node"));
        v.add(new SignalView("http.rate", round(s.http().perSecond()), "requests/s", null, s.http().count(), null));
        v.add(new SignalView("cpu.process", s.processCpu(), "fraction of all cores", t.cpuHigh(), null,
                s.processCpu() == null ? "not sampled yet, or not reported by this JVM"
                        : "this JVM over the last " + CpuSampler.PERIOD_SECONDS + " s, " + s.cores() + " cores"));
        v.add(new SignalView("cpu.system", s.systemCpu(), "fraction", null, null,
                s.systemCpu() == null ? "not sampled yet, or not reported by this JVM"
                        : "the whole machine or container over the last " + CpuSampler.PERIOD_SECONDS + " s"));
        v.add(new SignalView("cpu.loadAverage", s.loadAverage() < 0 ? null : round(s.loadAverage()), "runnable",
                null, null, s.loadAverage() < 0 ? "not reported on this platform" : "one-minute average, "
                + s.cores() + " cores"));
        v.add(new SignalView("mongo.pool.maxSize", (double) s.mongoPoolMax(), "connections", null, null,
                "per server, of the current client"));
        v.add(new SignalView("mongo.pool.inUse", (double) s.mongoPoolInUse(), "connections",
                (double) s.mongoPoolMax(), null, "all pools of this node"));
        v.add(new SignalView("mongo.pool.waitQueue", (double) s.mongoWaitQueue(), "checkouts", 0.0, null,
                "checkouts in progress; pressure when > 0 with every connection in use"));
        v.add(latency("mongo.pool.waitP99", s.mongoPoolWait(), t.mongoPoolWaitP99Ms(),
                "wait for a pooled connection"));
        v.add(latency("mongo.commands.p99", s.mongoCommands(), t.mongoCommandP99Ms(), "reads and writes"));
        Double share = s.readShare();
        v.add(new SignalView("mongo.readShare", share == null ? null : round(share), "fraction of commands",
                t.readShare(), s.mongoReads().count() + s.mongoWrites().count(),
                share == null ? "no reads or writes in the last minute" : null));
        v.add(new SignalView("cache.hitRatio", s.cacheHitRatio() == null ? null : round(s.cacheHitRatio()),
                "fraction of lookups", null, null, s.cacheHitRatio() == null ? "no cache lookup yet"
                : "all caches since this deployment started"));
        v.add(latency("redis.calls.p99", s.redisCalls(), t.redisP99Ms(), "the cache's Redis calls"));
        v.add(new SignalView("redis.pool.size", (double) s.redisPoolSize(), "connections", null, null,
                "per master, of the current client"));
        RedisServer r = reading.server();
        v.add(new SignalView("redis.info.ms", round(reading.millis()), "ms", null, null,
                r == null ? "Redis did not answer: " + reading.error() : "INFO round trips to every master"));
        if (r != null) {
            v.add(new SignalView("redis.usedMemory", (double) r.usedMemory(), "bytes", null, null, null));
            v.add(new SignalView("redis.maxMemory", (double) r.maxMemory(), "bytes", null, null,
                    r.unlimited() ? "0: unlimited, Redis grows until the host runs out (policy " + r.policy() + ")"
                            : "policy " + r.policy()));
            v.add(new SignalView("redis.memoryRatio", r.memoryRatio() == null ? null : round(r.memoryRatio()),
                    "fraction of maxmemory", t.redisMemoryRatio(), null,
                    r.unlimited() ? "no maxmemory set" : null));
            v.add(new SignalView("redis.evictionsPerMinute", r.evictionsPerMinute(), "keys per minute",
                    t.redisEvictionsPerMinute(), null, r.evictionBasis()));
        }
        return v;
    }

    private static SignalView latency(String name, Snapshot window, double threshold, String what) {
        return new SignalView(name, window.count() == 0 ? null : window.p99Ms(), "ms", threshold, window.count(),
                window.count() == 0 ? "no samples in the last minute" : what + ", last minute");
    }

    // --- configuration ---------------------------------------------------------------------------------------

    Thresholds thresholds() {
        return new Thresholds(integer("pdeck.capacity.min-samples"), decimal("pdeck.capacity.http.p99-ms"),
                integer("pdeck.capacity.http.max-in-flight"), decimal("pdeck.capacity.cpu.high"),
                decimal("pdeck.capacity.mongo.pool-wait-p99-ms"), decimal("pdeck.capacity.mongo.command-p99-ms"),
                decimal("pdeck.capacity.mongo.read-share"), decimal("pdeck.capacity.redis.p99-ms"),
                decimal("pdeck.capacity.redis.memory-ratio"), decimal("pdeck.capacity.redis.evictions-per-minute"));
    }

    PoolBounds bounds() {
        return new PoolBounds(integer("pdeck.capacity.mongo-pool.min"), integer("pdeck.capacity.mongo-pool.max"),
                integer("pdeck.capacity.redis-pool.min"), integer("pdeck.capacity.redis-pool.max"),
                integer("mongodb.pool.min-size"), integer("redis.pool.min-idle"));
    }

    private int integer(String name) {
        return config.getValue(name, Integer.class);
    }

    private double decimal(String name) {
        return config.getValue(name, Double.class);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
