package app.pdeck.cache;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** The in-JVM counters of one cache (this node only). */
final class CacheCounters {

    final String cacheName;
    final LongAdder hits = new LongAdder();
    /** The part of {@link #hits} answered from this JVM's near cache. */
    final LongAdder nearHits = new LongAdder();
    final LongAdder misses = new LongAdder();
    final LongAdder puts = new LongAdder();
    final LongAdder removals = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder bypassed = new LongAdder();
    /** Lookups keyed by the versions the request gate read (no version read of their own). */
    final LongAdder prefetchedScopes = new LongAdder();
    /** Lookups whose entry, or its absence, the request gate read in its round trip (no {@code GET} of their own). */
    final LongAdder entriesFromGate = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAccumulator maxLoadNanos = new LongAccumulator(Math::max, 0);

    CacheCounters(String cacheName) {
        this.cacheName = cacheName;
    }

    void loaded(long nanos) {
        loads.increment();
        loadNanos.add(nanos);
        maxLoadNanos.accumulate(nanos);
    }

    CacheStatsView view(long ttlSeconds) {
        long h = hits.sum();
        long m = misses.sum();
        long l = loads.sum();
        return new CacheStatsView(cacheName, ttlSeconds, h, nearHits.sum(), m, h + m == 0 ? 0.0 : round((double) h / (h + m)),
                puts.sum(), removals.sum(), errors.sum(), bypassed.sum(), l,
                l == 0 ? 0.0 : round(loadNanos.sum() / 1e6 / l), round(maxLoadNanos.get() / 1e6),
                prefetchedScopes.sum(), entriesFromGate.sum());
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
