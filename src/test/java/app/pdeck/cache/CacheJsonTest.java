package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.platform.JsonbConfiguration;
import app.pdeck.stats.TaskStats;
import app.pdeck.task.TaskPage;
import app.pdeck.task.TaskStatus;
import app.pdeck.task.TaskView;
import app.pdeck.user.Role;
import app.pdeck.user.UserView;
import jakarta.json.bind.Jsonb;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A {@link Rendered} answer is sent as the cache wrote it, so the cache's JSON must be byte for byte what the API's
 * JSON-B configuration (WildFly's Yasson) writes for the same value: names, order, nulls left out, instants, enums.
 */
class CacheJsonTest {

    private final Jsonb api = new JsonbConfiguration().getContext(Object.class);

    @Test
    void aPageOfTasksIsWrittenAsTheApiWritesIt() throws Exception {
        Instant created = Instant.parse("2026-12-02T05:00:00.123Z");
        List<TaskView> items = new ArrayList<>();
        items.add(new TaskView("a1", "Full", "with \"quotes\" and ünïcode", "p1", 3, created.plusSeconds(3600),
                TaskStatus.IN_PROGRESS, List.of("work", "home"), created, created.plusMillis(1), created, 7));
        items.add(new TaskView("a2", "Sparse", null, null, 0, null, TaskStatus.TODO, List.of(),
                Instant.parse("2026-12-02T05:00:00Z"), Instant.parse("2026-12-02T05:00:00Z"), null, 1));
        assertSame(new TaskPage(items, 2, 50, 51));
        assertSame(new TaskPage(List.of(), 1, 50, 0));
    }

    @Test
    void otherCachedAnswersToo() throws Exception {
        assertSame(new UserView("u1", "a@example.org", "A", new UserView.PreferencesView("DARK", true), Role.USER,
                Instant.parse("2026-12-02T05:00:00.5Z"), 3));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        byStatus.put("TODO", 2L);
        byStatus.put("DONE", 1L);
        assertSame(new TaskStats(3, byStatus, 1, List.of(new TaskStats.Week(LocalDate.of(2026, 11, 30), 1)), 2.5,
                List.of(new TaskStats.TagCount("work", 2)), Instant.parse("2026-12-02T05:00:00Z")));
        assertSame(new TaskStats(0, Map.of(), 0, List.of(), null, List.of(), Instant.parse("2026-12-02T05:00:00Z")));
    }

    private void assertSame(Object value) throws Exception {
        String expected = api.toJson(value);
        assertEquals(expected, new String(CacheJson.MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8));
        assertEquals(expected, new String(Rendered.of(value).json().toArray(), StandardCharsets.UTF_8));
    }
}
