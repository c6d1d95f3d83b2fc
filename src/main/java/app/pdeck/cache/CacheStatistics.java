package app.pdeck.cache;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The counters of every cache on this node, created on first use and announced to the metrics registry. */
final class CacheStatistics {

    private final ConcurrentHashMap<String, CacheCounters> counters = new ConcurrentHashMap<>();
    private final ToLongFunction<String> ttlSeconds;
    private final Logger log;
    private volatile Consumer<CacheCounters> onNewCache = c -> { };

    CacheStatistics(ToLongFunction<String> ttlSeconds, Logger log) {
        this.ttlSeconds = ttlSeconds;
        this.log = log;
    }

    /** Tells {@code listener} of every cache, those known now and those that come later. */
    void onNewCache(Consumer<CacheCounters> listener) {
        this.onNewCache = listener;
        counters.values().forEach(listener);
    }

    CacheCounters of(String cacheName) {
        CacheCounters existing = counters.get(cacheName);
        if (existing != null) {
            return existing;
        }
        CacheCounters created = new CacheCounters(cacheName);
        CacheCounters raced = counters.putIfAbsent(cacheName, created);
        if (raced != null) {
            return raced;
        }
        try {
            onNewCache.accept(created);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "cannot publish metrics of cache " + cacheName, e);
        }
        return created;
    }

    boolean knows(String cacheName) {
        return counters.containsKey(cacheName);
    }

    Map<String, CacheStatsView> views() {
        Map<String, CacheStatsView> views = new TreeMap<>();
        counters.forEach((name, c) -> views.put(name, c.view(ttlSeconds.applyAsLong(name))));
        return views;
    }

    /** Hits among all lookups of every cache since the deployment started; NaN before the first lookup. */
    double hitRatio() {
        long hits = 0;
        long lookups = 0;
        for (CacheCounters c : counters.values()) {
            long h = c.hits.sum();
            hits += h;
            lookups += h + c.misses.sum();
        }
        return lookups == 0 ? Double.NaN : (double) hits / lookups;
    }
}
