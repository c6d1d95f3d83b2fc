package app.pdeck.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MigrationStateTest {

    private final MigrationState state = new MigrationState(Clock.systemUTC());

    @Test
    void notReadyBeforeTheFirstRunAndWhileRunning() {
        assertFalse(state.current().ready());
        state.running("applying 002 (add tags)");
        assertFalse(state.current().ready());
        assertEquals("applying 002 (add tags)", state.current().readinessData().get("detail"));
        assertEquals("RUNNING", state.current().readinessData().get("status"));
    }

    @Test
    void readyWhenDoneOrWhenStartUpRunsAreSwitchedOff() {
        state.done("nothing to up");
        assertTrue(state.current().ready());
        state.skipped("run-on-start is false");
        assertTrue(state.current().ready());
    }

    @Test
    void aFailureNamesTheVersionAndTheErrorInTheReadinessData() {
        state.failed("migration 003 (up) failed", "003", new IllegalStateException("duplicate key\nsecond line"));

        Map<String, String> data = state.current().readinessData();

        assertFalse(state.current().ready());
        assertEquals(List.of("status", "detail", "failingVersion", "error", "since"), List.copyOf(data.keySet()));
        assertEquals("FAILED", data.get("status"));
        assertEquals("003", data.get("failingVersion"));
        assertEquals("IllegalStateException: duplicate key", data.get("error"));
    }
}
