package app.pdeck.project;

import app.pdeck.platform.mongo.InstantAsDate;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;

@Entity("projects")
public class Project {

    @Id
    private String id;
    @Column
    private String userId;
    @Column
    private String name;
    @Column
    private String description;
    @Column
    private boolean archived;
    @Column
    @Convert(InstantAsDate.class)
    private Instant createdAt;
    @Column
    @Convert(InstantAsDate.class)
    private Instant updatedAt;
    @Column
    private long version;

    public Project() {
    }

    Project(String id, String userId, ProjectContent content, Instant now) {
        this.id = id;
        this.userId = userId;
        this.createdAt = now;
        this.version = 1;
        apply(content, now);
    }

    final void apply(ProjectContent content, Instant now) {
        this.name = content.name();
        this.description = content.description();
        this.archived = content.archived();
        this.updatedAt = now;
    }

    void setVersion(long version) {
        this.version = version;
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public boolean isArchived() {
        return archived;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
