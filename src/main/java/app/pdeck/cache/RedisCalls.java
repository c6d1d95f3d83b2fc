package app.pdeck.cache;

import app.pdeck.platform.LatencyWindow;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Every call the cache makes to its store, behind the {@link RedisBreaker}: timed, counted, and turned into a
 * fallback when Redis is down. The breaker only closes after the global epoch was bumped ({@link #recover}), so
 * nothing cached before an outage is read after it.
 */
final class RedisCalls {

    private final CacheBackend store;
    private final RedisBreaker breaker;
    /** Every store call (a Redis round trip, or a few in one script/batch), answered or failed. */
    private final LatencyWindow recent = new LatencyWindow();
    private final LongAdder count = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder invalidationFailures = new LongAdder();

    RedisCalls(CacheBackend store, RedisBreaker breaker) {
        this.store = store;
        this.breaker = breaker;
    }

    CacheBackend store() {
        return store;
    }

    /** The call's answer, or {@code fallback} when the breaker is open or the call fails (counted on {@code c}). */
    <T> T guarded(CacheCounters c, Supplier<T> call, T fallback) {
        if (!usable()) {
            return fallback;
        }
        try {
            T result = timed(call);
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            c.errors.increment();
            breaker.failure(CacheEngine.describe(e));
            return fallback;
        }
    }

    /**
     * Moves a version on (an owner's generation, the epoch); null when it could not. A bump that fails opens the
     * breaker at once: the write it follows is already in the database, and the epoch bump made before the breaker
     * closes again covers it.
     */
    Long bump(String what, Supplier<Long> bump) {
        switch (breaker.acquire()) {
            case SKIP -> {
                invalidationFailures.increment();
                return null;
            }
            case RECOVER -> {
                // The recovery bumps the epoch, which covers this write as well (or, failing, stays open).
                recover();
                return null;
            }
            default -> {
                try {
                    Long value = timed(bump);
                    breaker.success();
                    return value;
                } catch (RuntimeException e) {
                    invalidationFailures.increment();
                    breaker.forceOpen("could not bump the " + what + ": " + CacheEngine.describe(e));
                    return null;
                }
            }
        }
    }

    boolean closed() {
        return breaker.state() == RedisBreaker.State.CLOSED;
    }

    RedisBreaker.State state() {
        return breaker.state();
    }

    LatencyWindow.Snapshot recent() {
        return recent.snapshot();
    }

    long count() {
        return count.sum();
    }

    long nanos() {
        return nanos.sum();
    }

    long invalidationFailures() {
        return invalidationFailures.sum();
    }

    private <T> T timed(Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            long took = System.nanoTime() - started;
            recent.record(took);
            count.increment();
            nanos.add(took);
        }
    }

    private boolean usable() {
        return switch (breaker.acquire()) {
            case USE -> true;
            case SKIP -> false;
            case RECOVER -> recover();
        };
    }

    private boolean recover() {
        try {
            long epoch = store.bumpEpoch();
            breaker.recovered("Redis answers again; global epoch bumped to " + epoch
                    + " so nothing cached before the outage is read");
            return true;
        } catch (RuntimeException e) {
            breaker.recoveryFailed(CacheEngine.describe(e));
            return false;
        }
    }
}
