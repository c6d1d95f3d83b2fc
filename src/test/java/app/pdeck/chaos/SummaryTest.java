package app.pdeck.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {

    private static Event request(long startMs, long endMs, int status) {
        return new Event(0, Event.LIST, startMs * 1000, endMs * 1000, status, null, null, -1, null, 0, null, null,
                false);
    }

    @Test
    void recoveryEndsWithTheLastFailedRequestThatStartedAfterTheFault() {
        List<Event> events = List.of(request(0, 10, 200), request(100, 2100, -1), request(2500, 2600, 503),
                request(3000, 3400, -1), request(3500, 3510, 200), request(4000, 4010, 400));
        Map<String, Object> s = Summary.of(events, new Summary.Window(1000 * 1000, 2000 * 1000));
        assertEquals(1.4, s.get("recoverySeconds"));
        assertEquals(6, s.get("requests"));
        assertEquals(2, s.get("2xx"));
        assertEquals(1, s.get("4xx"));
        assertEquals(1, s.get("5xx"));
        assertEquals(2, s.get("noAnswer"));
        assertEquals(1, s.get("requestsDuringFault"));
        assertEquals(2000.0, s.get("p99DuringFaultMs"));
    }

    @Test
    void noFailureAfterTheFaultMeansNoRecoveryTime() {
        Map<String, Object> s = Summary.of(List.of(request(0, 10, 200), request(3000, 3010, 200)),
                new Summary.Window(1000 * 1000, 2000 * 1000));
        assertEquals(0.0, s.get("recoverySeconds"));
    }

    @Test
    void percentilesAreNearestRank() {
        List<Long> micros = new java.util.ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            micros.add(i * 1000);
        }
        assertEquals(99.0, Summary.percentileMs(micros, 99));
        assertEquals(50.0, Summary.percentileMs(micros, 50));
    }
}
