package app.pdeck.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.pdeck.platform.problem.ApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskMergePatchTest {

    private final TaskContent current = new TaskContent("title", "desc", null, 3,
            Instant.parse("2026-12-01T00:00:00Z"), TaskStatus.TODO, List.of("a"));

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void onlyPresentMembersChangeAndNullClearsOptionalFields() {
        TaskContent patched = TaskMergePatch.apply(current, json("{\"status\":\"DONE\",\"dueDate\":null}"));
        assertEquals(TaskStatus.DONE, patched.status());
        assertNull(patched.dueDate());
        assertEquals("title", patched.title());
        assertEquals(3, patched.priority());
        assertEquals(List.of("a"), patched.tags());
    }

    @Test
    void operatorObjectsAndWrongTypesAreRejectedFieldByField() {
        ApiException e = assertThrows(ApiException.class, () -> TaskMergePatch.apply(current,
                json("{\"title\":{\"$gt\":\"\"},\"priority\":\"high\",\"tags\":[1]}")));
        assertEquals(List.of("priority", "tags[0]", "title"),
                e.toProblem().errors().stream().map(f -> f.field()).sorted().toList());
    }

    @Test
    void serverOwnedAndUnknownFieldsAreRejected() {
        ApiException e = assertThrows(ApiException.class,
                () -> TaskMergePatch.apply(current, json("{\"version\":7,\"owner\":\"x\"}")));
        assertEquals(2, e.toProblem().errors().size());
    }

    @Test
    void titleCannotBeRemoved() {
        assertThrows(ApiException.class, () -> TaskMergePatch.apply(current, json("{\"title\":null}")));
    }

    @Test
    void hugePriorityIsOutOfRange() {
        assertThrows(ApiException.class, () -> TaskMergePatch.apply(current, json("{\"priority\":99999999999}")));
    }
}
