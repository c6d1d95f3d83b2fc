package app.pdeck.project;

/**
 * Fired synchronously after a project was deleted: what referred to it (tasks) lets go of it, in its own collection.
 */
public record ProjectDeleted(String userId, String projectId) {
}
