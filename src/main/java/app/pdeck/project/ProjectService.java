package app.pdeck.project;

import app.pdeck.platform.mongo.DocumentIds;
import javax.cache.annotation.CacheResult;
import app.pdeck.cache.CacheOwner;
import app.pdeck.cache.DataChanged;
import app.pdeck.platform.problem.ApiException;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** A user's projects; like tasks, scoped to the owner and updated only from the version the change was based on. */
// No state of its own: one instance serves every call, without the pool and locks of @Stateless or a container
// lock per call (bean-managed concurrency; every field is a thread-safe injected bean).
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// MongoDB and Redis take no part in JTA: a container transaction per call would only cost time.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ProjectService {

    @Inject
    ProjectRepository repository;

    @Inject
    ProjectStore store;

    @Inject
    Event<ProjectDeleted> projectDeleted;

    @Inject
    Event<DataChanged> dataChanged;

    public Project create(String userId, ProjectContent content) {
        Project project = new Project(DocumentIds.next(), userId, content, now());
        repository.insert(project);
        dataChanged.fire(DataChanged.forUser(userId));
        return project;
    }

    /** The user's projects by name (a user has tens of projects, so they are ordered here rather than by a query). */
    @CacheResult(cacheName = "project-lists")
    public List<ProjectView> list(@CacheOwner String userId) {
        return repository.findByUserId(userId).stream()
                .sorted(java.util.Comparator.comparing(Project::getName, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(Project::getId))
                .map(ProjectView::of)
                .toList();
    }

    public Project get(String userId, String id) {
        return find(userId, id).orElseThrow(() -> ApiException.notFound("Project"));
    }

    public boolean isOwnedBy(String userId, String projectId) {
        return find(userId, projectId).isPresent();
    }

    public Project replace(String userId, String id, ProjectContent content, Long expectedVersion) {
        Project current = get(userId, id);
        if (expectedVersion != null && current.getVersion() != expectedVersion) {
            throw ApiException.preconditionFailed("The project has changed since version " + expectedVersion);
        }
        long basedOn = current.getVersion();
        current.apply(content, now());
        if (!store.replaceIfVersion(current, basedOn)) {
            throw ApiException.preconditionFailed("The project was changed by another request; reload it");
        }
        current.setVersion(basedOn + 1);
        dataChanged.fire(DataChanged.forUser(userId));
        return current;
    }

    /** Deletes the project; its tasks stay, without a project (the task feature lets go of it: ProjectDeleted). */
    public void delete(String userId, String id) {
        if (!store.delete(userId, id)) {
            throw ApiException.notFound("Project");
        }
        projectDeleted.fire(new ProjectDeleted(userId, id));
        dataChanged.fire(DataChanged.forUser(userId));
    }

    private Optional<Project> find(String userId, String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return repository.findByIdAndUserId(id, userId);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
