package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TtlTest {

    @Test
    void jitterSpreadsTheTtlTenPercentEitherWay() {
        assertEquals(270_000, Ttl.jitteredMillis(300, 0.10, () -> 0.0));
        assertEquals(300_000, Ttl.jitteredMillis(300, 0.10, () -> 0.5));
        assertEquals(330_000, Ttl.jitteredMillis(300, 0.10, () -> 1.0));
    }

    @Test
    void entriesWrittenTogetherGetDifferentTtlsWithinTheBounds() {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long ttl = Ttl.jitteredMillis(300, 0.10);
            assertTrue(ttl >= 270_000 && ttl <= 330_000, "ttl " + ttl);
            seen.add(ttl);
        }
        assertTrue(seen.size() > 100, "only " + seen.size() + " distinct TTLs out of 200");
    }

    @Test
    void ttlNeverDropsBelowOneSecond() {
        assertEquals(1000, Ttl.jitteredMillis(0, 0.10, () -> 0.0));
    }
}
