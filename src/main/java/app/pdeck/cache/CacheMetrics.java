package app.pdeck.cache;

import app.pdeck.platform.DeploymentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

/**
 * Publishes the in-JVM cache counters as Micrometer meters through the {@link MeterRegistry} WildFly's micrometer
 * subsystem gives the deployment ({@code pdeck.cache.gets{cache,result}}, {@code .puts}, {@code .removals},
 * {@code .errors}, {@code .bypassed}, {@code .load} timer, {@code pdeck.cache.breaker.open}), the overall hit ratio
 * since the deployment started ({@code pdeck.cache.hit.ratio}) and the latency of the cache's Redis calls
 * ({@code pdeck.redis.calls} timer, {@code pdeck.redis.calls.p99.ms} over the last minute).
 */
@ApplicationScoped
public class CacheMetrics {

    @Inject
    Logger log;

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    CacheRuntime runtime;

    static final String PREFIX = "pdeck.cache.";
    static final String REDIS_CALLS = "pdeck.redis.calls";

    private MeterRegistry registry;

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            log.info("No MeterRegistry in this server; cache statistics only at /api/v1/admin/cache/stats");
            return;
        }
        // Registered through the registry's own methods, not builders: WildFly 39 exports only those (DeploymentMeters)
        registry = registries.get();
        DeploymentMeters.removeAll(registry, PREFIX);
        DeploymentMeters.removeAll(registry, REDIS_CALLS);
        CacheEngine engine = runtime.engine();
        RedisCalls redis = engine.redisCalls();
        registry.gauge(PREFIX + "hit.ratio", Tags.empty(), engine.statistics(), CacheStatistics::hitRatio);
        registry.more().timer(REDIS_CALLS, Tags.empty(), redis, RedisCalls::count, RedisCalls::nanos,
                TimeUnit.NANOSECONDS);
        registry.gauge(REDIS_CALLS + ".p99.ms", Tags.empty(), redis, r -> r.recent().p99Ms());
        registry.gauge(PREFIX + "breaker.open", Tags.empty(), redis, r -> r.closed() ? 0 : 1);
        registry.more().counter(PREFIX + "invalidations", Tags.empty(), engine, CacheEngine::invalidations);
        MeterRegistry target = registry;
        engine.statistics().onNewCache(c -> register(target, c));
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, PREFIX);
            DeploymentMeters.removeAll(registry, REDIS_CALLS);
        }
    }

    private static void register(MeterRegistry registry, CacheCounters c) {
        Tags tags = Tags.of("cache", c.cacheName);
        counter(registry, PREFIX + "gets", tags.and("result", "hit"), c, x -> x.hits);
        counter(registry, PREFIX + "gets", tags.and("result", "miss"), c, x -> x.misses);
        counter(registry, PREFIX + "puts", tags, c, x -> x.puts);
        counter(registry, PREFIX + "removals", tags, c, x -> x.removals);
        counter(registry, PREFIX + "errors", tags, c, x -> x.errors);
        counter(registry, PREFIX + "bypassed", tags, c, x -> x.bypassed);
        registry.more().timer(PREFIX + "load", tags, c, x -> x.loads.sum(), x -> x.loadNanos.sum(),
                TimeUnit.NANOSECONDS);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, CacheCounters c,
                                Function<CacheCounters, LongAdder> adder) {
        ToDoubleFunction<CacheCounters> value = x -> adder.apply(x).sum();
        registry.more().counter(name, tags, c, value);
    }
}
