package app.pdeck.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

    private LatencyWindow window(int capacity, long windowSeconds) {
        return new LatencyWindow(capacity, TimeUnit.SECONDS.toNanos(windowSeconds), now::get);
    }

    private static long ms(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void anEmptyWindowHasNoSamplesAndZeroLatency() {
        assertEquals(LatencyWindow.Snapshot.EMPTY, window(16, 60).snapshot());
    }

    @Test
    void p99IsTheNearestRankOfTheRecentSamples() {
        LatencyWindow w = window(1000, 60);
        for (int i = 1; i <= 100; i++) {
            w.record(ms(i));
        }
        LatencyWindow.Snapshot s = w.snapshot();
        assertEquals(100, s.count());
        assertEquals(99.0, s.p99Ms());
        assertEquals(100.0, s.maxMs());
    }

    @Test
    void oneSlowRequestAmongFewIsTheP99() {
        LatencyWindow w = window(1000, 60);
        for (int i = 0; i < 20; i++) {
            w.record(ms(5));
        }
        w.record(ms(900));
        assertEquals(900.0, w.snapshot().p99Ms());
    }

    @Test
    void samplesOlderThanTheWindowNoLongerCount() {
        LatencyWindow w = window(1000, 60);
        w.record(ms(2000));
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        w.record(ms(10));
        assertEquals(2000.0, w.snapshot().p99Ms());
        now.addAndGet(TimeUnit.SECONDS.toNanos(31));
        LatencyWindow.Snapshot later = w.snapshot();
        assertEquals(1, later.count());
        assertEquals(10.0, later.p99Ms());
    }

    @Test
    void aFullRingKeepsTheNewestSamplesAndMeasuresTheRateOverTheTimeTheySpan() {
        LatencyWindow w = window(10, 60);
        for (int i = 0; i < 10; i++) {
            w.record(ms(1000));
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        for (int i = 0; i < 10; i++) {
            w.record(ms(1));
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        }
        LatencyWindow.Snapshot s = w.snapshot();
        assertEquals(10, s.count());
        assertEquals(1.0, s.maxMs());
        // ten samples over the 1 s since the oldest one still held
        assertEquals(10.0, s.perSecond(), 0.01);
    }

    @Test
    void theRateOfAnUnfilledRingIsOverTheWholeWindow() {
        LatencyWindow w = window(1000, 60);
        for (int i = 0; i < 120; i++) {
            w.record(ms(1));
        }
        assertEquals(2.0, w.snapshot().perSecond(), 0.001);
    }
}
