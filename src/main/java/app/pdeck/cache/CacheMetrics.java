package app.pdeck.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
 * {@code .errors}, {@code .bypassed}, {@code .load} timer, {@code pdeck.cache.breaker.open}).
 */
@ApplicationScoped
public class CacheMetrics {

    @Inject
    Logger log;

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    CacheRuntime runtime;

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!registries.isResolvable()) {
            log.info("No MeterRegistry in this server; cache statistics only at /api/v1/admin/cache/stats");
            return;
        }
        MeterRegistry registry = registries.get();
        CacheEngine engine = runtime.engine();
        Gauge.builder("pdeck.cache.breaker.open", engine, e -> e.breakerState() == RedisBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the cache bypasses Redis").register(registry);
        FunctionCounter.builder("pdeck.cache.invalidations", engine, CacheEngine::invalidations)
                .register(registry);
        engine.onNewCache(c -> register(registry, c));
    }

    private static void register(MeterRegistry registry, CacheCounters c) {
        Tags tags = Tags.of("cache", c.cacheName);
        counter(registry, "pdeck.cache.gets", tags.and("result", "hit"), c, x -> x.hits);
        counter(registry, "pdeck.cache.gets", tags.and("result", "miss"), c, x -> x.misses);
        counter(registry, "pdeck.cache.puts", tags, c, x -> x.puts);
        counter(registry, "pdeck.cache.removals", tags, c, x -> x.removals);
        counter(registry, "pdeck.cache.errors", tags, c, x -> x.errors);
        counter(registry, "pdeck.cache.bypassed", tags, c, x -> x.bypassed);
        FunctionTimer.builder("pdeck.cache.load", c, x -> x.loads.sum(), x -> x.loadNanos.sum(), TimeUnit.NANOSECONDS)
                .tags(tags).description("database loads on cache misses").register(registry);
    }

    private static void counter(MeterRegistry registry, String name, Tags tags, CacheCounters c,
                                Function<CacheCounters, LongAdder> adder) {
        ToDoubleFunction<CacheCounters> value = x -> adder.apply(x).sum();
        FunctionCounter.builder(name, c, value).tags(tags).register(registry);
    }
}
