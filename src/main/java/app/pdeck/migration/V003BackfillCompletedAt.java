package app.pdeck.migration;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.Dependent;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Gives DONE tasks that have no {@code completedAt} one, taken from {@code updatedAt} (else {@code createdAt}), so
 * "completed this week" and the archive job can rely on it.
 *
 * <p>A backfilled date looks exactly like one the application set, so {@code up} first writes what it is about to
 * change into {@value #BACKFILLED} (task id, the date, whether the field was {@code null} or missing). {@code down}
 * reverts exactly those tasks, and only where {@code completedAt} still holds the backfilled date, then drops the
 * record: up→down and down→up both restore the same documents. Both directions are re-runnable.
 */
@Dependent
public class V003BackfillCompletedAt implements Migration {

    static final String BACKFILLED = "schema_v003_backfilled_completed_at";
    private static final int BATCH = 500;

    @Override
    public String version() {
        return "003";
    }

    @Override
    public String description() {
        return "backfill completedAt of DONE tasks from updatedAt";
    }

    @Override
    public void up(MongoDatabase database) {
        MongoCollection<Document> tasks = database.getCollection("tasks");
        MongoCollection<Document> backfilled = database.getCollection(BACKFILLED);
        Bson lacksCompletedAt = Filters.and(Filters.eq("status", "DONE"), Filters.eq("completedAt", null));
        List<WriteModel<Document>> records = new ArrayList<>();
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (Document task : tasks.find(lacksCompletedAt)
                .projection(Projections.include("_id", "updatedAt", "createdAt", "completedAt"))) {
            Date completedAt = task.getDate("updatedAt") != null ? task.getDate("updatedAt") : task.getDate("createdAt");
            if (completedAt == null) {
                continue;
            }
            Object id = task.get("_id");
            records.add(new ReplaceOneModel<>(Filters.eq("_id", id), new Document("_id", id)
                    .append("completedAt", completedAt).append("wasNull", task.containsKey("completedAt")),
                    new ReplaceOptions().upsert(true)));
            updates.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), lacksCompletedAt),
                    Updates.set("completedAt", completedAt)));
            if (updates.size() == BATCH) {
                flush(backfilled, records, tasks, updates);
            }
        }
        flush(backfilled, records, tasks, updates);
    }

    @Override
    public void down(MongoDatabase database) {
        MongoCollection<Document> tasks = database.getCollection("tasks");
        MongoCollection<Document> backfilled = database.getCollection(BACKFILLED);
        List<WriteModel<Document>> updates = new ArrayList<>();
        for (Document record : backfilled.find()) {
            Bson stillBackfilled = Filters.and(Filters.eq("_id", record.get("_id")),
                    Filters.eq("completedAt", record.getDate("completedAt")));
            Bson revert = Boolean.TRUE.equals(record.getBoolean("wasNull"))
                    ? Updates.set("completedAt", null) : Updates.unset("completedAt");
            updates.add(new UpdateOneModel<>(stillBackfilled, revert));
            if (updates.size() == BATCH) {
                tasks.bulkWrite(updates);
                updates.clear();
            }
        }
        if (!updates.isEmpty()) {
            tasks.bulkWrite(updates);
        }
        backfilled.drop();
    }

    /** The record is written before the tasks, so a run that stops in between is completed by the next one. */
    private static void flush(MongoCollection<Document> backfilled, List<WriteModel<Document>> records,
                              MongoCollection<Document> tasks, List<WriteModel<Document>> updates) {
        if (!records.isEmpty()) {
            backfilled.bulkWrite(records);
            tasks.bulkWrite(updates);
            records.clear();
            updates.clear();
        }
    }
}
