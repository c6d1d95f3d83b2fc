package app.pdeck.platform;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The most recent durations of one kind of operation (requests, pool checkouts, commands) and their p99, for the
 * autoscaler gauges and {@code GET /admin/capacity}: a ring of the last {@code capacity} samples, of which only those
 * younger than the window count. WildFly 39's registry passes no histogram settings on, so Prometheus gets no
 * percentiles from the timers; this is where the p99 comes from.
 */
public final class LatencyWindow {

    /** Defaults of every window in the application: the last 60 s, at most the last 4,096 samples. */
    public static final long DEFAULT_WINDOW_SECONDS = 60;
    public static final int DEFAULT_CAPACITY = 4096;

    private final long windowNanos;
    private final LongSupplier clock;
    private final long[] at;
    private final long[] nanos;
    private long recorded;

    /** What the window holds now: how many samples, over how long, their p99 and maximum. */
    public record Snapshot(int count, double p99Ms, double maxMs, double perSecond) {
        public static final Snapshot EMPTY = new Snapshot(0, 0, 0, 0);
    }

    public LatencyWindow() {
        this(DEFAULT_CAPACITY, TimeUnit.SECONDS.toNanos(DEFAULT_WINDOW_SECONDS), System::nanoTime);
    }

    public LatencyWindow(int capacity, long windowNanos, LongSupplier clock) {
        if (capacity < 1 || windowNanos < 1) {
            throw new IllegalArgumentException("capacity and window must be positive");
        }
        this.windowNanos = windowNanos;
        this.clock = clock;
        this.at = new long[capacity];
        this.nanos = new long[capacity];
    }

    public synchronized void record(long durationNanos) {
        int slot = (int) (recorded % at.length);
        at[slot] = clock.getAsLong();
        nanos[slot] = Math.max(0, durationNanos);
        recorded++;
    }

    /**
     * The samples still in the window. {@code perSecond} is their number divided by the time they span (the window,
     * or less when the ring holds fewer seconds than that because samples come faster than it can keep).
     */
    public Snapshot snapshot() {
        long now = clock.getAsLong();
        long[] values;
        long oldest = now;
        synchronized (this) {
            int held = (int) Math.min(recorded, at.length);
            values = new long[held];
            int count = 0;
            for (int i = 0; i < held; i++) {
                if (now - at[i] <= windowNanos) {
                    values[count++] = nanos[i];
                    oldest = Math.min(oldest, at[i]);
                }
            }
            values = Arrays.copyOf(values, count);
        }
        if (values.length == 0) {
            return Snapshot.EMPTY;
        }
        Arrays.sort(values);
        long span = values.length == at.length ? Math.max(now - oldest, 1) : windowNanos;
        return new Snapshot(values.length, millis(percentile(values, 0.99)), millis(values[values.length - 1]),
                values.length / (span / 1e9));
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
