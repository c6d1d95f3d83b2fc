package app.pdeck.task;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * A stored task ({@code tasks} collection). {@code version} grows by one with every change and is the task's ETag.
 *
 * <p>Tasks are mapped by hand rather than through JNoSQL: JNoSQL 1.1 writes an empty {@code List} as an empty
 * embedded document ({@code tags: {}}), which breaks array semantics ({@code $unwind}, {@code $size}, {@code tags: []}
 * from the migrations), and the conditional update on {@code version} needs the driver anyway.
 */
public class Task {

    private String id;
    private String userId;
    private String projectId;
    private String title;
    private String description;
    private int priority;
    private Instant dueDate;
    private TaskStatus status;
    private List<String> tags;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant completedAt;
    private long version;

    public Task() {
    }

    Task(String id, String userId, TaskContent content, Instant now) {
        this.id = id;
        this.userId = userId;
        this.createdAt = now;
        this.version = 1;
        apply(content, now);
    }

    /** Replaces the user-editable fields; {@code completedAt} follows the status. */
    final void apply(TaskContent content, Instant now) {
        this.projectId = content.projectId();
        this.title = content.title();
        this.description = content.description();
        this.priority = content.priority();
        this.dueDate = content.dueDate();
        if (content.status() == TaskStatus.DONE && this.status != TaskStatus.DONE) {
            this.completedAt = now;
        } else if (content.status() != TaskStatus.DONE) {
            this.completedAt = null;
        }
        this.status = content.status();
        this.tags = List.copyOf(content.tags());
        this.updatedAt = now;
    }

    /** Reads a document written by this entity's mapping (for queries JNoSQL cannot express). */
    static Task fromDocument(Document d) {
        Task task = new Task();
        task.id = d.getString("_id");
        task.userId = d.getString("userId");
        task.projectId = d.getString("projectId");
        task.title = d.getString("title");
        task.description = d.getString("description");
        task.priority = d.getInteger("priority", 0);
        task.dueDate = instant(d.getDate("dueDate"));
        task.status = TaskStatus.valueOf(d.getString("status"));
        Object tags = d.get("tags");
        task.tags = tags instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        task.createdAt = instant(d.getDate("createdAt"));
        task.updatedAt = instant(d.getDate("updatedAt"));
        task.completedAt = instant(d.getDate("completedAt"));
        Number version = d.get("version", Number.class);
        task.version = version == null ? 0 : version.longValue();
        return task;
    }

    Document toDocument() {
        Document document = new Document("_id", id).append("userId", userId).append("version", version)
                .append("createdAt", date(createdAt));
        document.putAll(editableFields());
        return document;
    }

    /** The user-editable fields as the update document of a conditional write. */
    Document editableFields() {
        return new Document("projectId", projectId)
                .append("title", title)
                .append("description", description)
                .append("priority", priority)
                .append("dueDate", date(dueDate))
                .append("status", status.name())
                .append("tags", tags)
                .append("updatedAt", date(updatedAt))
                .append("completedAt", date(completedAt));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public String getProjectId() {
        return projectId;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public int getPriority() {
        return priority;
    }

    public Instant getDueDate() {
        return dueDate;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public List<String> getTags() {
        return tags == null ? List.of() : tags;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public long getVersion() {
        return version;
    }
}
