package app.pdeck.archive;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** A task as users see it in their archive ({@code archivedAt} is null once it is active again). */
public record ArchivedTask(String id, String projectId, String title, String description, Integer priority,
                           Instant dueDate, String status, List<String> tags, Instant createdAt, Instant updatedAt,
                           Instant completedAt, Instant archivedAt, Long version) {

    static ArchivedTask of(Document d) {
        return new ArchivedTask(d.getString("_id"), d.getString("projectId"), d.getString("title"),
                d.getString("description"), d.get("priority") instanceof Number n ? n.intValue() : null,
                instant(d.get("dueDate")), d.getString("status"), tags(d.get("tags")),
                instant(d.get("createdAt")), instant(d.get("updatedAt")), instant(d.get("completedAt")),
                instant(d.get("archivedAt")), d.get("version") instanceof Number v ? v.longValue() : null);
    }

    /** Tags as stored; anything but a list of strings (an empty list written as {} by some writers) is none. */
    private static List<String> tags(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
