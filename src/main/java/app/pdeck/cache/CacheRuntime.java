package app.pdeck.cache;

import app.pdeck.platform.LatencyWindow;
import app.pdeck.platform.redis.RedisConnection;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The deployment's one {@link CacheEngine}: configured from MicroProfile Config, storing in Redis through the
 * application's Redisson client, with the method metadata the interceptors need.
 */
@ApplicationScoped
public class CacheRuntime {

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    Config config;

    @Inject
    CacheAnnotationsExtension annotations;

    @Inject
    @ConfigProperty(name = "pdeck.cache.enabled")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "pdeck.cache.default-ttl-seconds")
    long defaultTtlSeconds;

    @Inject
    @ConfigProperty(name = "pdeck.cache.negative-ttl-seconds")
    long negativeTtlSeconds;

    @Inject
    @ConfigProperty(name = "pdeck.cache.ttl-jitter")
    double jitter;

    @Inject
    @ConfigProperty(name = "pdeck.cache.redis-timeout-ms")
    long redisTimeoutMs;

    @Inject
    @ConfigProperty(name = "pdeck.cache.invalidation-timeout-ms")
    long invalidationTimeoutMs;

    @Inject
    @ConfigProperty(name = "pdeck.cache.breaker.failure-threshold")
    int failureThreshold;

    @Inject
    @ConfigProperty(name = "pdeck.cache.breaker.open-ms")
    long openMs;

    @Inject
    @ConfigProperty(name = "pdeck.cache.near.max-megabytes")
    long nearMaxMegabytes;

    @Inject
    @ConfigProperty(name = "pdeck.cache.near.max-ttl-seconds")
    long nearMaxTtlSeconds;

    private final Map<String, Long> ttlByCache = new ConcurrentHashMap<>();
    private final Map<MethodKey, CachedMethod> methods = new ConcurrentHashMap<>();
    private final ObjectMapper json = CacheJson.MAPPER;
    private RedisCacheBackend store;
    private CacheEngine engine;

    @PostConstruct
    void start() {
        store = new RedisCacheBackend(redis::client, redisTimeoutMs, invalidationTimeoutMs, redis.replicasToAwait());
        RedisBreaker breaker = new RedisBreaker(failureThreshold, TimeUnit.MILLISECONDS.toNanos(openMs),
                System::nanoTime, (from, to, reason) -> {
                    if (to == RedisBreaker.State.OPEN && from == RedisBreaker.State.CLOSED) {
                        log.warning(() -> "Redis cache unavailable, serving from MongoDB: " + reason);
                    } else if (to == RedisBreaker.State.CLOSED) {
                        log.info(() -> "Redis cache in use again: " + reason);
                    }
                });
        NearCache near = new NearCache(nearMaxMegabytes * 1024 * 1024, TimeUnit.SECONDS.toMillis(nearMaxTtlSeconds));
        engine = new CacheEngine(store, new CacheSettings(enabled, this::ttlSeconds, negativeTtlSeconds, jitter),
                breaker, json, log, near);
        annotations.cacheNames().forEach(engine::register);
        try {
            store.dropLegacyEntries(annotations.cacheNames()).whenComplete((dropped, error) -> {
                if (error != null) {
                    log.fine(() -> "Old JCache entries not cleaned up this time: " + describe(error));
                } else if (dropped > 0) {
                    log.info(() -> "Deleted " + dropped + " Redis keys of the JCache layout used before 2026-12-02");
                }
            });
        } catch (RuntimeException e) {
            log.fine(() -> "Old JCache entries not cleaned up this time: " + describe(e));
        }
        log.info(() -> "Cache " + (enabled ? "enabled" : "DISABLED (pdeck.cache.enabled=false)")
                + ": default TTL " + defaultTtlSeconds + " s ±" + Math.round(jitter * 100) + " %, empty results "
                + negativeTtlSeconds + " s, Redis timeout " + redisTimeoutMs + " ms, near cache "
                + (near.enabled() ? nearMaxMegabytes + " MB of JSON for at most " + nearMaxTtlSeconds + " s" : "off")
                + "; caches "
                + annotations.cacheNames());
    }

    CacheEngine engine() {
        return engine;
    }

    /** Hit ratio since the deployment started (null before the first lookup) and the recent Redis calls. */
    public record Load(Double hitRatio, LatencyWindow.Snapshot redisCalls) {
    }

    /** How the cache is doing on this node, for capacity planning. */
    public Load load() {
        double ratio = engine.statistics().hitRatio();
        return new Load(Double.isNaN(ratio) ? null : ratio, engine.redisCalls().recent());
    }

    /** The Redis keys of the versions a user's cached data is keyed by, for a script that reads them itself. */
    public record VersionKeys(String generation, String epoch) {
    }

    public VersionKeys versionKeys(String userId) {
        return new VersionKeys(RedisCacheBackend.generationKey(userId), RedisCacheBackend.EPOCH_KEY);
    }

    /**
     * Hands this request's lookups the versions of {@code userId}'s data that the caller just read from Redis (the
     * request gate), so they need no round trip of their own. Valid until this request writes (any invalidation
     * on this thread drops them) or ends ({@link #forgetRequestVersions}).
     */
    public void useVersionsForThisRequest(String userId, long epoch, long generation) {
        engine.useForThisRequest(userId, epoch, generation);
    }

    /**
     * Starts a request that will read {@code userId}'s data as {@code route} (its path and query): the cache entry
     * the request gate may read in its own round trip, so that a hit outside the near cache needs no second one;
     * null when there is none to guess. Read it only while the versions are those in it ({@link Prefetch}), and
     * hand what was read to {@link #usePrefetched} after {@link #useVersionsForThisRequest}.
     */
    public Prefetch prefetchFor(String userId, String route) {
        CacheEngine.Hint hint = engine.prefetchFor(userId, route);
        return hint == null ? null : new Prefetch(hint);
    }

    /** What Redis held under {@code prefetch}'s key (null: nothing), read with this request's versions. */
    public void usePrefetched(Prefetch prefetch, byte[] value) {
        engine.usePrefetched(prefetch.hint, value);
    }

    /** A cache entry to read beside the versions: its Redis key, valid only if the versions are still these. */
    public static final class Prefetch {
        private final CacheEngine.Hint hint;
        private final String redisKey;

        Prefetch(CacheEngine.Hint hint) {
            this.hint = hint;
            this.redisKey = RedisCacheBackend.entryKey(hint.cacheName(), hint.key());
        }

        public String redisKey() {
            return redisKey;
        }

        public long epoch() {
            return hint.versions().epoch();
        }

        public long generation() {
            return hint.versions().generation();
        }
    }

    /**
     * An entity tag that changes whenever anything cached for {@code userId} may have changed (a write of the user's
     * data on any node, or a flush of everybody's): computed from the versions, with no rendering and no Redis call.
     * Empty when this request has no versions read for this user (Redis unavailable).
     */
    public java.util.Optional<String> versionTag(String userId) {
        return java.util.Optional.ofNullable(engine.versionTag(userId));
    }

    /**
     * Whether Redis is taken to be reachable now (the cache's breaker is closed): other users of Redis hold their
     * writes back while it is not, instead of piling up timeouts.
     */
    public boolean redisReachable() {
        return engine.redisCalls().closed();
    }

    /** A one-line account of a Redis failure for a log message (the cause chain, without a stack trace). */
    public static String describe(Throwable error) {
        return CacheEngine.describe(error);
    }

    public void forgetRequestVersions() {
        engine.forgetRequestVersions();
    }

    CachedMethod method(Method method, CachedMethod.Kind kind) {
        return methods.computeIfAbsent(new MethodKey(method, kind), key -> CachedMethod.of(kind, method, json));
    }

    boolean enabled() {
        return enabled;
    }

    long ttlSeconds(String cacheName) {
        return ttlByCache.computeIfAbsent(cacheName, name -> config
                .getOptionalValue("pdeck.cache." + name + ".ttl-seconds", Long.class).orElse(defaultTtlSeconds));
    }

    private record MethodKey(Method method, CachedMethod.Kind kind) {
    }
}
