package app.pdeck.task;

import app.pdeck.platform.mongo.DocumentIds;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import app.pdeck.cache.CacheOwner;
import app.pdeck.cache.DataChanged;
import app.pdeck.cache.Rendered;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.platform.problem.ConstraintViolationMapper;
import app.pdeck.platform.problem.ProblemDetail.FieldError;
import app.pdeck.project.ProjectService;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A user's tasks: every operation is scoped to the owner, so another user's task is simply "not found". Updates are
 * conditional on the version the change was based on; a stale version never overwrites a newer one.
 */
// No state of its own: one instance serves every call, without the pool and locks of @Stateless or a container
// lock per call (bean-managed concurrency; every field is a thread-safe injected bean).
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// MongoDB and Redis take no part in JTA: a container transaction per call would only cost time.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class TaskService {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_RETRIES_WITHOUT_PRECONDITION = 10;
    public static final int MAX_BULK = 500;

    @Inject
    TaskStore store;

    @Inject
    ProjectService projects;

    @Inject
    Validator validator;

    @Inject
    Event<DataChanged> dataChanged;

    public Task create(String userId, TaskContent content) {
        requireOwnedProject(userId, content.projectId(), "projectId");
        Task task = new Task(DocumentIds.next(), userId, content, now());
        store.insert(List.of(task));
        dataChanged.fire(DataChanged.forUser(userId));
        return task;
    }

    public List<Task> createAll(String userId, List<TaskContent> contents) {
        if (contents.size() > MAX_BULK) {
            throw ApiException.invalid("tasks", "at most " + MAX_BULK + " tasks per request");
        }
        for (int i = 0; i < contents.size(); i++) {
            requireOwnedProject(userId, contents.get(i).projectId(), "tasks[" + i + "].projectId");
        }
        Instant now = now();
        List<Task> tasks = contents.stream().map(c -> new Task(DocumentIds.next(), userId, c, now)).toList();
        if (!tasks.isEmpty()) {
            store.insert(tasks);
            dataChanged.fire(DataChanged.forUser(userId));
        }
        return tasks;
    }

    public Task get(String userId, String id) {
        return find(userId, id).orElseThrow(() -> ApiException.notFound("Task"));
    }

    /** The task as the API shows it; empty for another user's or an impossible id. */
    @CacheResult(cacheName = "tasks")
    public Optional<TaskView> view(@CacheOwner String userId, @CacheKey String id) {
        return find(userId, id).map(TaskView::of);
    }

    /** A page of the user's tasks, kept in the cache as the JSON the API answers with. */
    @CacheResult(cacheName = "task-lists")
    public Rendered<TaskPage> list(@CacheOwner String userId, @CacheKey TaskQuery query) {
        return Rendered.of(store.list(userId, query));
    }

    public TaskView replace(String userId, String id, TaskContent content, Long expectedVersion) {
        return TaskView.of(update(userId, id, expectedVersion, current -> content));
    }

    public TaskView patch(String userId, String id, JsonObject patch, Long expectedVersion) {
        return TaskView.of(update(userId, id, expectedVersion,
                current -> validated(TaskMergePatch.apply(current, patch))));
    }

    /**
     * One write path for the cache, as for every other write: the DataChanged event moves the owner's generation once
     * the task is gone, which hides its entries (and the lists holding it) from every reader; they expire at their
     * TTL like every outdated entry. A delete that found nothing changes nothing, the cache included.
     */
    public void delete(String userId, String id) {
        if (!ID.matcher(id).matches() || !store.delete(userId, id)) {
            throw ApiException.notFound("Task");
        }
        dataChanged.fire(DataChanged.forUser(userId));
    }

    /**
     * Applies a change based on the stored task. With {@code expectedVersion} (If-Match) the write succeeds only if
     * the task still has it (else 412); without, a concurrent change makes it re-read and re-apply.
     */
    private Task update(String userId, String id, Long expectedVersion, UnaryOperator<TaskContent> change) {
        for (int attempt = 0; attempt < MAX_RETRIES_WITHOUT_PRECONDITION; attempt++) {
            Task current = get(userId, id);
            if (expectedVersion != null && current.getVersion() != expectedVersion) {
                throw ApiException.preconditionFailed("The task has changed since version " + expectedVersion
                        + "; it is now at version " + current.getVersion());
            }
            TaskContent content = change.apply(TaskView.of(current).content());
            requireOwnedProject(userId, content.projectId(), "projectId");
            long basedOn = current.getVersion();
            current.apply(content, now());
            Optional<Task> written = store.replaceIfVersion(current, basedOn);
            if (written.isPresent()) {
                dataChanged.fire(DataChanged.forUser(userId));
                return written.get();
            }
            if (expectedVersion != null) {
                throw ApiException.preconditionFailed("The task was changed by another request; reload it");
            }
        }
        throw new ApiException(Response.Status.CONFLICT, "conflict",
                "The task is being changed by many requests at once; retry");
    }

    private TaskContent validated(TaskContent content) {
        Set<ConstraintViolation<TaskContent>> violations = validator.validate(content);
        if (!violations.isEmpty()) {
            List<FieldError> errors = violations.stream()
                    .map(v -> new FieldError(ConstraintViolationMapper.fieldOf(v), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(FieldError::field))
                    .toList();
            throw new ApiException(Response.Status.BAD_REQUEST, "validation", "The patch has invalid fields", errors);
        }
        return content;
    }

    private Optional<Task> find(String userId, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return store.find(userId, id);
    }

    private void requireOwnedProject(String userId, String projectId, String field) {
        if (projectId != null && !projects.isOwnedBy(userId, projectId)) {
            throw ApiException.invalid(field, "is not one of your projects");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
