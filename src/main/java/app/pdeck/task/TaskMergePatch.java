package app.pdeck.task;

import app.pdeck.platform.problem.ApiException;
import app.pdeck.platform.problem.ProblemDetail.FieldError;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * JSON Merge Patch (RFC 7396) for tasks: members present in the patch replace the current value, {@code null}
 * clears an optional field. Values of the wrong type or unknown members are rejected, never stored.
 */
final class TaskMergePatch {

    private static final Set<String> READ_ONLY = Set.of("id", "version", "createdAt", "updatedAt", "completedAt",
            "userId");

    private TaskMergePatch() {
    }

    static TaskContent apply(TaskContent current, JsonObject patch) {
        List<FieldError> errors = new ArrayList<>();
        String title = current.title();
        String description = current.description();
        String projectId = current.projectId();
        Integer priority = current.priority();
        Instant dueDate = current.dueDate();
        TaskStatus status = current.status();
        List<String> tags = current.tags();
        for (var member : patch.entrySet()) {
            String field = member.getKey();
            JsonValue value = member.getValue();
            boolean isNull = value.getValueType() == JsonValue.ValueType.NULL;
            switch (field) {
                case "title" -> title = isNull ? fail(errors, field, "must not be null") : string(errors, field, value);
                case "description" -> description = isNull ? null : string(errors, field, value);
                case "projectId" -> projectId = isNull ? null : string(errors, field, value);
                case "priority" -> priority = isNull ? Integer.valueOf(0) : integer(errors, field, value);
                case "dueDate" -> dueDate = isNull ? null : instant(errors, field, value);
                case "status" -> status = isNull ? TaskStatus.TODO : status(errors, field, value);
                case "tags" -> tags = isNull ? List.of() : strings(errors, field, value);
                default -> errors.add(new FieldError(field,
                        READ_ONLY.contains(field) ? "is set by the server" : "is not a field of a task"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(Response.Status.BAD_REQUEST, "validation", "The patch has invalid fields", errors);
        }
        return new TaskContent(title, description, projectId, priority, dueDate, status, tags);
    }

    private static <T> T fail(List<FieldError> errors, String field, String message) {
        errors.add(new FieldError(field, message));
        return null;
    }

    private static String string(List<FieldError> errors, String field, JsonValue value) {
        return value instanceof JsonString s ? s.getString() : fail(errors, field, "must be a string");
    }

    private static Integer integer(List<FieldError> errors, String field, JsonValue value) {
        if (value instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                return fail(errors, field, "is out of range");
            }
        }
        return fail(errors, field, "must be an integer");
    }

    private static Instant instant(List<FieldError> errors, String field, JsonValue value) {
        if (value instanceof JsonString s) {
            try {
                return Instant.parse(s.getString());
            } catch (DateTimeParseException e) {
                return fail(errors, field, "must be an ISO-8601 instant such as 2026-12-01T09:00:00Z");
            }
        }
        return fail(errors, field, "must be an ISO-8601 instant string");
    }

    private static TaskStatus status(List<FieldError> errors, String field, JsonValue value) {
        if (value instanceof JsonString s) {
            try {
                return TaskStatus.valueOf(s.getString());
            } catch (IllegalArgumentException e) {
                return fail(errors, field, "must be TODO, IN_PROGRESS or DONE");
            }
        }
        return fail(errors, field, "must be TODO, IN_PROGRESS or DONE");
    }

    private static List<String> strings(List<FieldError> errors, String field, JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            return fail(errors, field, "must be an array of strings");
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s) {
                result.add(s.getString());
            } else {
                return fail(errors, field + "[" + i + "]", "must be a string");
            }
        }
        return result;
    }
}
