package app.pdeck.archive;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Moves tasks between {@code tasks} and {@code tasks_archive} without ever losing or duplicating one, even when the
 * process dies between two writes (MongoDB transactions are not available on every deployment, so the move is made
 * of idempotent steps):
 * <ol>
 * <li>copy: upsert each task into the archive by {@code _id}, marked {@code moving: "to-archive"} (hidden from
 * users while marked);</li>
 * <li>delete from {@code tasks} only a task that is still exactly the copied one (same {@code version}, or
 * {@code updatedAt} when it has none);</li>
 * <li>settle: a task that was deleted loses the mark; one that changed meanwhile stays active and its copy is
 * removed.</li>
 * </ol>
 * Every run first settles marked documents a killed run left behind, so the next run finishes the move. Moving back
 * (unarchive) is the mirror image with the mark {@code "from-archive"}.
 */
public final class TaskArchiver {

    public static final String TASKS = "tasks";
    public static final String ARCHIVE = "tasks_archive";
    static final String MOVING = "moving";
    static final String TO_ARCHIVE = "to-archive";
    static final String FROM_ARCHIVE = "from-archive";

    /** What a run moved: tasks archived, marked documents settled, and whose tasks changed. */
    public record Result(long archived, long settled, Set<String> users) {
    }

    private final MongoDatabase database;
    private final Clock clock;

    public TaskArchiver(MongoDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    private MongoCollection<Document> tasks() {
        return database.getCollection(TASKS);
    }

    private MongoCollection<Document> archive() {
        return database.getCollection(ARCHIVE);
    }

    /** Archives every DONE task last updated before {@code cutoff}, {@code batchSize} at a time. */
    public Result archive(Instant cutoff, int batchSize, Runnable checkpoint) {
        Set<String> users = new HashSet<>();
        long settled = settle(batchSize, users);
        long archived = 0;
        Bson eligible = Filters.and(Filters.eq("status", "DONE"), Filters.lt("updatedAt", Date.from(cutoff)));
        while (true) {
            checkpoint.run();
            List<Document> batch = tasks().find(eligible).sort(Sorts.ascending("_id")).limit(batchSize)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            List<Document> copies = copyToArchive(batch);
            long moved = finishMoves(copies, users);
            archived += moved;
            if (moved == 0) {
                break; // every task of the batch changed under us; they are no longer eligible
            }
        }
        return new Result(archived, settled, Set.copyOf(users));
    }

    /** Step 1 of a move: the archive copies, marked. Returns them. */
    List<Document> copyToArchive(List<Document> batch) {
        Date archivedAt = Date.from(clock.instant());
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<Document> copies = new ArrayList<>();
        for (Document task : batch) {
            Document copy = new Document(task).append("archivedAt", archivedAt).append(MOVING, TO_ARCHIVE);
            copies.add(copy);
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", task.get("_id")), copy,
                    new ReplaceOptions().upsert(true)));
        }
        archive().bulkWrite(writes, new BulkWriteOptions().ordered(false));
        return copies;
    }

    /** Steps 2 and 3 for archive copies marked {@code to-archive}; returns how many tasks left {@code tasks}. */
    long finishMoves(List<Document> copies, Set<String> users) {
        if (copies.isEmpty()) {
            return 0;
        }
        List<WriteModel<Document>> deletes = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (Document copy : copies) {
            ids.add(copy.get("_id"));
            deletes.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", copy.get("_id")), sameVersion(copy))));
        }
        tasks().bulkWrite(deletes, new BulkWriteOptions().ordered(false));
        Set<Object> stillActive = new HashSet<>();
        tasks().find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .forEach(d -> stillActive.add(d.get("_id")));
        List<Object> moved = ids.stream().filter(id -> !stillActive.contains(id)).toList();
        if (!stillActive.isEmpty()) {
            archive().deleteMany(Filters.and(Filters.in("_id", new ArrayList<>(stillActive)),
                    Filters.eq(MOVING, TO_ARCHIVE)));
        }
        if (!moved.isEmpty()) {
            archive().updateMany(Filters.and(Filters.in("_id", moved), Filters.eq(MOVING, TO_ARCHIVE)),
                    Updates.unset(MOVING));
            for (Document copy : copies) {
                if (!stillActive.contains(copy.get("_id")) && copy.getString("userId") != null) {
                    users.add(copy.getString("userId"));
                }
            }
        }
        return moved.size();
    }

    /** Finishes the moves (both directions) that an interrupted run or request left marked. */
    long settle(int batchSize, Set<String> users) {
        long settled = 0;
        while (true) {
            List<Document> pending = archive().find(Filters.eq(MOVING, TO_ARCHIVE)).limit(batchSize)
                    .into(new ArrayList<>());
            if (pending.isEmpty()) {
                break;
            }
            finishMoves(pending, users);
            settled += pending.size();
        }
        for (Document back : archive().find(Filters.eq(MOVING, FROM_ARCHIVE)).into(new ArrayList<>())) {
            finishUnarchive(back, Instant.now(clock));
            users.add(back.getString("userId"));
            settled++;
        }
        return settled;
    }

    /**
     * A user's archived tasks, newest archived first, page {@code page} counted from 0 (tasks in the middle of a
     * move are not shown).
     */
    public List<Document> listArchived(String userId, int page, int size) {
        return archive().find(visibleOf(userId)).sort(Sorts.descending("archivedAt", "_id"))
                .skip(page * size).limit(size).into(new ArrayList<>());
    }

    public long countArchived(String userId) {
        return archive().countDocuments(visibleOf(userId));
    }

    /**
     * Moves a user's archived task back to {@code tasks} (its {@code updatedAt} becomes now, so it is not archived
     * again at once). Idempotent: a task that is already active again is returned as it is.
     *
     * @return the active task, or empty when the user has no such task
     */
    public Optional<Document> unarchive(String userId, String taskId) {
        Document marked = archive().findOneAndUpdate(
                Filters.and(Filters.eq("_id", taskId), Filters.eq("userId", userId), Filters.ne(MOVING, TO_ARCHIVE)),
                Updates.set(MOVING, FROM_ARCHIVE),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (marked != null) {
            finishUnarchive(marked, clock.instant());
        }
        return Optional.ofNullable(tasks().find(Filters.and(Filters.eq("_id", taskId), Filters.eq("userId", userId)))
                .first());
    }

    private void finishUnarchive(Document archived, Instant now) {
        Document task = new Document(archived);
        task.remove("archivedAt");
        task.remove(MOVING);
        task.put("updatedAt", Date.from(now));
        if (task.get("version") instanceof Number version) {
            task.put("version", version.longValue() + 1);
        }
        try {
            tasks().insertOne(task);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Already copied back by an earlier, interrupted attempt: the active task wins.
        }
        archive().deleteOne(Filters.and(Filters.eq("_id", archived.get("_id")), Filters.eq(MOVING, FROM_ARCHIVE)));
    }

    /**
     * After a restore: a task unarchived while the backup ran was read in both collections (the archive first, see
     * the backup's read order); its active copy, updated by the unarchive at or after {@code since}, wins. Copies
     * marked {@code to-archive} are left for the next run's settling, which decides them by version.
     *
     * @return how many archive copies were dropped
     */
    public long dropArchiveCopiesOfTasksUpdatedSince(Instant since) {
        List<Object> ids = new ArrayList<>();
        tasks().find(Filters.gte("updatedAt", Date.from(since))).projection(Projections.include("_id"))
                .forEach(d -> ids.add(d.get("_id")));
        long dropped = 0;
        for (int from = 0; from < ids.size(); from += 1000) {
            dropped += archive().deleteMany(Filters.and(Filters.in("_id", ids.subList(from,
                    Math.min(ids.size(), from + 1000))), Filters.ne(MOVING, TO_ARCHIVE))).getDeletedCount();
        }
        return dropped;
    }

    private static Bson visibleOf(String userId) {
        return Filters.and(Filters.eq("userId", userId), Filters.exists(MOVING, false));
    }

    private static Bson sameVersion(Document copy) {
        Object version = copy.get("version");
        Bson same = version != null ? Filters.eq("version", version) : Filters.eq("updatedAt", copy.get("updatedAt"));
        return Filters.and(same, Filters.eq("status", "DONE"));
    }
}
