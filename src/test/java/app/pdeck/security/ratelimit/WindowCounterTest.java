package app.pdeck.security.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowCounterTest {

    private final RateLimit sixPerMinute = new RateLimit("api", 6, Duration.ofSeconds(60));

    @Test
    void withAQuietPreviousWindowTheBudgetIsTheCount() {
        assertTrue(WindowCounter.fits(sixPerMinute, 0, 5, 30_000));
        assertFalse(WindowCounter.fits(sixPerMinute, 0, 6, 30_000));
    }

    @Test
    void thePreviousWindowWeighsByTheShareStillInsideTheSlidingWindow() {
        // Just after the edge, all six of the previous window still count.
        assertFalse(WindowCounter.fits(sixPerMinute, 6, 0, 0));
        // Half way, three of them do: three more fit.
        assertTrue(WindowCounter.fits(sixPerMinute, 6, 2, 30_000));
        assertFalse(WindowCounter.fits(sixPerMinute, 6, 3, 30_000));
        // At the end of the window the previous one has almost gone.
        assertTrue(WindowCounter.fits(sixPerMinute, 6, 4, 59_999));
        assertFalse(WindowCounter.fits(sixPerMinute, 6, 5, 59_999));
    }

    @Test
    void aBurstAcrossTheEdgeGetsNoMoreThanTheBudget() {
        // Four requests late in window k, then requests 100 ms into window k+1: two more fit, not six.
        long allowedAfterEdge = 0;
        while (WindowCounter.fits(sixPerMinute, 4, allowedAfterEdge, 100)) {
            allowedAfterEdge++;
        }
        assertEquals(2, allowedAfterEdge);
    }

    @Test
    void keysNameThisWindowAndThePreviousOneUnderTheSubjectsHashTag() {
        long now = 60_000L * 1_000 + 1_234;
        List<Object> keys = WindowCounter.keys(sixPerMinute, RateLimitSubjects.user("u-1"), now);

        assertEquals(sixPerMinute.key("{u:u-1}") + ":w1000", keys.get(0));
        assertEquals(sixPerMinute.key("{u:u-1}") + ":w999", keys.get(1));
        assertEquals(1_234, WindowCounter.elapsedInWindow(sixPerMinute, now));
    }
}
