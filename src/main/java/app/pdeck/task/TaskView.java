package app.pdeck.task;

import java.time.Instant;
import java.util.List;

/** A task as the API shows it. */
public record TaskView(String id, String title, String description, String projectId, int priority, Instant dueDate,
                       TaskStatus status, List<String> tags, Instant createdAt, Instant updatedAt,
                       Instant completedAt, long version) {

    public static TaskView of(Task t) {
        return new TaskView(t.getId(), t.getTitle(), t.getDescription(), t.getProjectId(), t.getPriority(),
                t.getDueDate(), t.getStatus(), List.copyOf(t.getTags()), t.getCreatedAt(), t.getUpdatedAt(),
                t.getCompletedAt(), t.getVersion());
    }

    TaskContent content() {
        return new TaskContent(title, description, projectId, priority, dueDate, status, tags);
    }
}
