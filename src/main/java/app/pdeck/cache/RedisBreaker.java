package app.pdeck.cache;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Circuit breaker in front of Redis, hand-written rather than MicroProfile Fault Tolerance's {@code @CircuitBreaker}
 * because it must stay open until a recovery action succeeded: after any outage the node bumps the global epoch
 * before it reads the cache again (writes made during the outage could not bump their generations), and FT's
 * breaker closes on the first successful call, whatever that call was.
 *
 * <p>CLOSED: Redis is used; {@code failureThreshold} consecutive failures (or a failed invalidation) open it.
 * OPEN: Redis is skipped without waiting; after {@code openNanos} one caller gets {@link Permit#RECOVER} and runs
 * the recovery; success closes the breaker, failure re-opens it for another period.
 */
final class RedisBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    enum Permit {
        /** Breaker closed: use Redis. */
        USE,
        /** The caller is the recovery trial: run the recovery action, then {@link #recovered} or {@link #recoveryFailed}. */
        RECOVER,
        /** Breaker open: do not touch Redis. */
        SKIP
    }

    /** Told about every state change, once (the caller logs one line per change). */
    interface Listener {
        void stateChanged(State from, State to, String reason);
    }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private final Listener listener;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile State state = State.CLOSED;
    private long openedAt;

    RedisBreaker(int failureThreshold, long openNanos, LongSupplier nanoClock, Listener listener) {
        this.failureThreshold = Math.max(1, failureThreshold);
        this.openNanos = openNanos;
        this.nanoClock = nanoClock;
        this.listener = listener;
    }

    State state() {
        return state;
    }

    Permit acquire() {
        if (state == State.CLOSED) {
            return Permit.USE;
        }
        synchronized (this) {
            if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
                transition(State.HALF_OPEN, "trial after " + openNanos / 1_000_000 + " ms");
                return Permit.RECOVER;
            }
            return state == State.CLOSED ? Permit.USE : Permit.SKIP;
        }
    }

    void success() {
        if (consecutiveFailures.get() != 0) {
            consecutiveFailures.set(0);
        }
    }

    void failure(String reason) {
        if (consecutiveFailures.incrementAndGet() >= failureThreshold) {
            open(reason);
        }
    }

    /** Opens at once, e.g. because an invalidation could not be written. */
    void forceOpen(String reason) {
        open(reason);
    }

    synchronized void recovered(String how) {
        consecutiveFailures.set(0);
        if (state == State.HALF_OPEN) {
            transition(State.CLOSED, how);
        }
    }

    synchronized void recoveryFailed(String reason) {
        if (state == State.HALF_OPEN) {
            openedAt = nanoClock.getAsLong();
            transition(State.OPEN, reason);
        }
    }

    private synchronized void open(String reason) {
        openedAt = nanoClock.getAsLong();
        if (state != State.OPEN) {
            transition(State.OPEN, reason);
        }
    }

    private void transition(State to, String reason) {
        State from = state;
        state = to;
        listener.stateChanged(from, to, reason);
    }
}
