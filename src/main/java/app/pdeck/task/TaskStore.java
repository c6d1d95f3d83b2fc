package app.pdeck.task;

import app.pdeck.archive.TaskArchiver;
import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import app.pdeck.project.ProjectDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The task queries Jakarta Data cannot express: filtered, sorted, paged listings with a count, and the conditional
 * update on {@code version} that makes concurrent writers unable to overwrite each other. Every query includes
 * {@code userId}, so a user only ever reaches their own tasks (and a sharded cluster can route by it).
 */
@ApplicationScoped
class TaskStore {

    @Inject
    MongoConnection mongo;

    TaskPage list(String userId, TaskQuery query) {
        Bson filter = filter(userId, query);
        MongoCollection<Document> tasks = collection();
        List<TaskView> items = tasks.find(filter)
                .sort(query.sort().order())
                .skip((query.page() - 1) * query.size())
                .limit(query.size())
                .map(d -> TaskView.of(Task.fromDocument(d)))
                .into(new ArrayList<>());
        long total = items.size() < query.size() && query.page() == 1 ? items.size() : tasks.countDocuments(filter);
        return new TaskPage(items, query.page(), query.size(), total);
    }

    void insert(List<Task> tasks) {
        collection().insertMany(tasks.stream().map(Task::toDocument).toList());
    }

    Optional<Task> find(String userId, String id) {
        return Optional.ofNullable(collection().find(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)))
                .first()).map(Task::fromDocument);
    }

    /** Writes the task's editable fields only if it still has {@code expectedVersion}; empty when it has not. */
    Optional<Task> replaceIfVersion(Task changed, long expectedVersion) {
        Document updated = collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", changed.getId()), Filters.eq("userId", changed.getUserId()),
                        Filters.eq("version", expectedVersion)),
                Updates.combine(new Document("$set", changed.editableFields()), Updates.inc("version", 1L)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(updated).map(Task::fromDocument);
    }

    /** Through the archive's protocol, so that an archive move in flight cannot bring the task back. */
    boolean delete(String userId, String id) {
        return new TaskArchiver(mongo.database(), Clock.systemUTC()).deleteTask(userId, id);
    }

    /** Tasks of a deleted project keep existing, without the project. */
    void detachProject(@Observes ProjectDeleted deleted) {
        collection().updateMany(Filters.and(Filters.eq("userId", deleted.userId()),
                        Filters.eq("projectId", deleted.projectId())),
                Updates.combine(Updates.set("projectId", null), Updates.inc("version", 1L),
                        Updates.set("updatedAt", new Date())));
    }

    private static Bson filter(String userId, TaskQuery q) {
        List<Bson> conditions = new ArrayList<>();
        conditions.add(Filters.eq("userId", userId));
        if (q.status() != null) {
            conditions.add(Filters.eq("status", q.status().name()));
        }
        if (q.tag() != null) {
            conditions.add(Filters.eq("tags", q.tag()));
        }
        if (q.projectId() != null) {
            conditions.add(Filters.eq("projectId", q.projectId()));
        }
        if (q.dueBefore() != null) {
            conditions.add(Filters.lt("dueDate", Date.from(q.dueBefore())));
        }
        if (q.dueAfter() != null) {
            conditions.add(Filters.gt("dueDate", Date.from(q.dueAfter())));
        }
        if (q.text() != null) {
            // The user's text is matched literally: quoted, so it can never act as a regular expression.
            conditions.add(Filters.regex("title", Pattern.quote(q.text()), "i"));
        }
        return Filters.and(conditions);
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection("tasks");
    }
}
