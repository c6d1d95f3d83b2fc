package app.pdeck.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentActivityTest {

    @Test
    void samplesOlderThanFifteenMinutesBeforeTheNewestAreDropped() {
        RecentActivity recent = new RecentActivity();
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        for (int i = 0; i <= 200; i++) { // 200 × 5 s = 16 min 40 s
            recent.record(new Dashboard.Sample(start.plusSeconds(5L * i), i, i, i, i));
        }
        List<Dashboard.Sample> kept = recent.samples();
        assertEquals(181, kept.size(), "15 minutes of 5 s samples, both ends included");
        assertEquals(start.plusSeconds(5L * 20), kept.get(0).at());
        assertEquals(start.plusSeconds(5L * 200), kept.get(kept.size() - 1).at());
    }
}
