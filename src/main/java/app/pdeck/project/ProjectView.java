package app.pdeck.project;

import java.time.Instant;

public record ProjectView(String id, String name, String description, boolean archived, Instant createdAt,
                          Instant updatedAt, long version) {

    public static ProjectView of(Project p) {
        return new ProjectView(p.getId(), p.getName(), p.getDescription(), p.isArchived(), p.getCreatedAt(),
                p.getUpdatedAt(), p.getVersion());
    }
}
