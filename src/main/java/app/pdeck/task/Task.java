package app.pdeck.task;

import app.pdeck.platform.mongo.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** A stored task. {@code version} grows by one with every change and is the task's ETag. */
@Entity("tasks")
public class Task {

    @Id
    private String id;
    @Column
    private String userId;
    @Column
    private String projectId;
    @Column
    private String title;
    @Column
    private String description;
    @Column
    private int priority;
    @Column
    @Convert(InstantAsDate.class)
    private Instant dueDate;
    @Column
    private TaskStatus status;
    @Column
    private List<String> tags;
    @Column
    @Convert(InstantAsDate.class)
    private Instant createdAt;
    @Column
    @Convert(InstantAsDate.class)
    private Instant updatedAt;
    @Column
    @Convert(InstantAsDate.class)
    private Instant completedAt;
    @Column
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
        task.tags = new ArrayList<>(d.getList("tags", String.class, List.of()));
        task.createdAt = instant(d.getDate("createdAt"));
        task.updatedAt = instant(d.getDate("updatedAt"));
        task.completedAt = instant(d.getDate("completedAt"));
        Number version = d.get("version", Number.class);
        task.version = version == null ? 0 : version.longValue();
        return task;
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

    void setVersion(long version) {
        this.version = version;
    }
}
