package app.pdeck.archive;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
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
import java.time.Duration;
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
 * Moves tasks between {@code tasks} and {@code tasks_archive} without ever losing, duplicating or resurrecting one,
 * even when the process dies between two writes or a user acts in between (MongoDB transactions are not available
 * on every deployment, so the move is made of idempotent steps; docs/data-moving-jobs.md walks through every
 * interleaving):
 * <ol>
 * <li>copy: upsert each task into the archive by {@code _id}, marked {@code moving: "copying"} (hidden), unless a
 * deletion's tombstone ({@code "deleting"}) holds that id;</li>
 * <li>arm: a copy whose task is still there, unchanged, becomes {@code "to-archive"}; the others are dropped (the
 * user deleted or changed the task meanwhile). From here a user's deletion replaces the copy by its tombstone, so
 * an armed copy whose task is gone was moved by us;</li>
 * <li>delete from {@code tasks} only a task that is still exactly the copied one (same {@code version}, still DONE);</li>
 * <li>settle: an armed copy whose task is gone loses the mark; one whose task changed is dropped.</li>
 * </ol>
 * Every run first settles what a killed run left marked, so the next run finishes the move; until then an armed copy
 * whose task is gone is already listed as archived. Moving back (unarchive) is the mirror image with the mark
 * {@code "from-archive"}, and undoes its insert when the copy vanished meanwhile (the task or account was deleted).
 */
public final class TaskArchiver {

    public static final String TASKS = "tasks";
    public static final String ARCHIVE = "tasks_archive";
    static final String MOVING = "moving";
    static final String TO_ARCHIVE = "to-archive";
    static final String FROM_ARCHIVE = "from-archive";
    static final String COPYING = "copying";
    static final String DELETING = "deleting";
    static final String MOVING_SINCE = "movingSince";
    /**
     * An unarchive or a deletion still marked after this long was cut off (its request or process died): a run may
     * finish it without racing the request itself.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    /** What a run moved: tasks archived, marked documents settled, and whose tasks changed. */
    public record Result(long archived, long settled, Set<String> users) {
    }

    /** Points between two writes where tests let a user act, or stop the run as a crash would. */
    interface Hooks {
        default void afterRead(List<Document> batch) {
        }

        default void beforeDelete(List<Document> copies) {
        }

        default void afterDelete(List<Document> copies) {
        }

        default void afterUnarchiveMark(Document marked) {
        }
    }

    private static final Hooks NONE = new Hooks() {
    };

    private final MongoDatabase database;
    private final Clock clock;
    private final Hooks hooks;

    public TaskArchiver(MongoDatabase database, Clock clock) {
        this(database, clock, NONE);
    }

    TaskArchiver(MongoDatabase database, Clock clock, Hooks hooks) {
        this.database = database;
        this.clock = clock;
        this.hooks = hooks;
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
            hooks.afterRead(batch);
            List<Document> copies = copyToArchive(batch);
            long moved = finishMoves(copies, users);
            archived += moved;
            if (moved == 0) {
                break; // every task of the batch changed under us; they are no longer eligible
            }
        }
        return new Result(archived, settled, Set.copyOf(users));
    }

    /** Step 1 of a move: the archive copies, marked {@code copying}; returns those written. */
    List<Document> copyToArchive(List<Document> batch) {
        Date archivedAt = Date.from(clock.instant());
        List<WriteModel<Document>> writes = new ArrayList<>();
        List<Document> copies = new ArrayList<>();
        for (Document task : batch) {
            Document copy = new Document(task).append("archivedAt", archivedAt).append(MOVING, COPYING);
            copies.add(copy);
            // A tombstone or an unarchive in flight holds the id: the upsert then collides on _id and is skipped.
            writes.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", task.get("_id")),
                    Filters.nin(MOVING, List.of(DELETING, FROM_ARCHIVE))), copy, new ReplaceOptions().upsert(true)));
        }
        try {
            archive().bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return copies;
        } catch (MongoBulkWriteException e) {
            Set<Integer> refused = new HashSet<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
            List<Document> written = new ArrayList<>();
            for (int i = 0; i < copies.size(); i++) {
                if (!refused.contains(i)) {
                    written.add(copies.get(i));
                }
            }
            return written;
        }
    }

    /**
     * Step 2: copies whose task is still there unchanged become {@code to-archive}; the others are dropped, since the
     * user deleted or changed the task after it was read. Returns the armed copies.
     */
    List<Document> arm(List<Document> copies) {
        if (copies.isEmpty()) {
            return List.of();
        }
        List<Object> ids = copies.stream().map(c -> c.get("_id")).toList();
        List<Bson> unchanged = copies.stream().map(c -> Filters.and(Filters.eq("_id", c.get("_id")), sameVersion(c)))
                .toList();
        Set<Object> present = new HashSet<>();
        tasks().find(Filters.or(unchanged)).projection(Projections.include("_id")).forEach(d -> present.add(d.get("_id")));
        List<Object> gone = ids.stream().filter(id -> !present.contains(id)).toList();
        if (!gone.isEmpty()) {
            archive().deleteMany(Filters.and(Filters.in("_id", gone), Filters.eq(MOVING, COPYING)));
        }
        if (present.isEmpty()) {
            return List.of();
        }
        archive().updateMany(Filters.and(Filters.in("_id", new ArrayList<>(present)), Filters.eq(MOVING, COPYING)),
                Updates.set(MOVING, TO_ARCHIVE));
        // Re-read: a deletion's tombstone may have replaced a copy between the check and the mark.
        Set<Object> armed = new HashSet<>();
        archive().find(Filters.and(Filters.in("_id", new ArrayList<>(present)), Filters.eq(MOVING, TO_ARCHIVE)))
                .projection(Projections.include("_id")).forEach(d -> armed.add(d.get("_id")));
        return copies.stream().filter(c -> armed.contains(c.get("_id"))).toList();
    }

    /** Steps 3 and 4 for armed copies; returns how many tasks left {@code tasks}. */
    long finishMoves(List<Document> copies, Set<String> users) {
        List<Document> armed = arm(copies.stream().filter(c -> COPYING.equals(c.get(MOVING))).toList());
        List<Document> moving = new ArrayList<>(armed);
        copies.stream().filter(c -> TO_ARCHIVE.equals(c.get(MOVING))).forEach(moving::add);
        if (moving.isEmpty()) {
            return 0;
        }
        List<WriteModel<Document>> deletes = new ArrayList<>();
        List<Object> ids = new ArrayList<>();
        for (Document copy : moving) {
            ids.add(copy.get("_id"));
            deletes.add(new DeleteOneModel<>(Filters.and(Filters.eq("_id", copy.get("_id")), sameVersion(copy))));
        }
        hooks.beforeDelete(moving);
        tasks().bulkWrite(deletes, new BulkWriteOptions().ordered(false));
        hooks.afterDelete(moving);
        Set<Object> stillActive = new HashSet<>();
        tasks().find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .forEach(d -> stillActive.add(d.get("_id")));
        List<Object> moved = ids.stream().filter(id -> !stillActive.contains(id)).toList();
        if (!stillActive.isEmpty()) {
            archive().deleteMany(Filters.and(Filters.in("_id", new ArrayList<>(stillActive)),
                    Filters.eq(MOVING, TO_ARCHIVE)));
        }
        if (moved.isEmpty()) {
            return 0;
        }
        // An armed copy whose task is gone was moved by us: a user's deletion would have replaced it by a tombstone.
        long unmarked = archive().updateMany(Filters.and(Filters.in("_id", moved), Filters.eq(MOVING, TO_ARCHIVE)),
                Updates.combine(Updates.unset(MOVING), Updates.unset(MOVING_SINCE))).getModifiedCount();
        for (Document copy : moving) {
            if (!stillActive.contains(copy.get("_id")) && copy.getString("userId") != null) {
                users.add(copy.getString("userId"));
            }
        }
        return unmarked;
    }

    /**
     * Finishes what an interrupted run or request left marked: copies (armed or not), unarchives and deletions cut
     * off more than {@link #ABANDONED_AFTER} ago.
     */
    long settle(int batchSize, Set<String> users) {
        long settled = 0;
        for (String mark : List.of(COPYING, TO_ARCHIVE)) {
            while (true) {
                List<Document> pending = archive().find(Filters.eq(MOVING, mark)).limit(batchSize)
                        .into(new ArrayList<>());
                if (pending.isEmpty()) {
                    break;
                }
                finishMoves(pending, users);
                // Every pending copy is now unmarked or dropped; make sure none is left so the loop ends.
                archive().deleteMany(Filters.and(Filters.in("_id", pending.stream().map(d -> d.get("_id")).toList()),
                        Filters.eq(MOVING, COPYING)));
                settled += pending.size();
            }
        }
        Date abandoned = Date.from(clock.instant().minus(ABANDONED_AFTER));
        Bson cutOff = Filters.or(Filters.lt(MOVING_SINCE, abandoned), Filters.exists(MOVING_SINCE, false));
        for (Document back : archive().find(Filters.and(Filters.eq(MOVING, FROM_ARCHIVE), cutOff))
                .into(new ArrayList<>())) {
            finishUnarchive(back, Instant.now(clock), true);
            users.add(back.getString("userId"));
            settled++;
        }
        settled += archive().deleteMany(Filters.and(Filters.eq(MOVING, DELETING), cutOff)).getDeletedCount();
        return settled;
    }

    /**
     * A user's archived tasks, newest archived first, page {@code page} counted from 0: what is archived, plus armed
     * copies whose task already left {@code tasks} (a run stopped before unmarking them must not hide them from both
     * views); nothing else in the middle of a move.
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
        List<Bson> movable = new ArrayList<>(List.of(Filters.exists(MOVING, false), Filters.eq(MOVING, FROM_ARCHIVE)));
        if (tasks().find(Filters.and(Filters.eq("_id", taskId), Filters.eq("userId", userId)))
                .projection(Projections.include("_id")).first() == null) {
            movable.add(Filters.eq(MOVING, TO_ARCHIVE)); // already moved, not yet unmarked: listed, so movable
        }
        Document marked = archive().findOneAndUpdate(
                Filters.and(Filters.eq("_id", taskId), Filters.eq("userId", userId), Filters.or(movable)),
                Updates.combine(Updates.set(MOVING, FROM_ARCHIVE), Updates.set(MOVING_SINCE, Date.from(clock.instant()))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (marked != null) {
            hooks.afterUnarchiveMark(marked);
            finishUnarchive(marked, clock.instant(), false);
        }
        return Optional.ofNullable(tasks().find(Filters.and(Filters.eq("_id", taskId), Filters.eq("userId", userId)))
                .first());
    }

    /**
     * Inserts the active task, then removes the marked copy. If the copy vanished in between, the task or its
     * account was deleted meanwhile (a tombstone replaced the copy, or the account's archive was emptied): the
     * insert is undone, so a deletion never loses to an unarchive. A request that finds the task already inserted
     * (a double click) leaves the copy to the one that inserted it; a settling run ({@code abandoned}) removes it.
     */
    private void finishUnarchive(Document archived, Instant now, boolean abandoned) {
        Document task = new Document(archived);
        task.remove("archivedAt");
        task.remove(MOVING);
        task.remove(MOVING_SINCE);
        task.put("updatedAt", Date.from(now));
        if (task.get("version") instanceof Number version) {
            task.put("version", version.longValue() + 1);
        }
        boolean inserted;
        try {
            tasks().insertOne(task);
            inserted = true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            inserted = false; // already copied back by an earlier or concurrent attempt: the active task wins
        }
        // Every command names userId, the shard key: none is a scatter-gather on a sharded cluster.
        Bson copy = Filters.and(Filters.eq("_id", archived.get("_id")), Filters.eq("userId", archived.get("userId")),
                Filters.eq(MOVING, FROM_ARCHIVE));
        if (inserted && archive().find(copy).first() == null) {
            tasks().deleteOne(Filters.and(Filters.eq("_id", task.get("_id")), Filters.eq("userId", task.get("userId")),
                    Filters.eq("updatedAt", task.get("updatedAt")), Filters.eq("version", task.get("version"))));
            return;
        }
        if (inserted || abandoned) {
            archive().deleteOne(copy);
        }
    }

    /**
     * Deletes a user's active task (DELETE /tasks/{id}) so that no move in flight brings it back: first a tombstone
     * takes the task's id in the archive (replacing an in-flight copy, and making the archiver's later copies of it
     * collide), then the task goes, then the tombstone. A request that dies in between leaves a tombstone, which
     * only blocks copies and is removed by a later run.
     *
     * @return whether the user had this active task
     */
    public boolean deleteTask(String userId, String id) {
        try {
            archive().replaceOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId),
                            Filters.exists(MOVING, true)),
                    new Document("_id", id).append("userId", userId).append(MOVING, DELETING)
                            .append(MOVING_SINCE, Date.from(clock.instant())), new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // The id is an archived task (not in flight) or someone else's: nothing of this task is moving.
        }
        boolean deleted = tasks().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)))
                .getDeletedCount() == 1;
        archive().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId),
                Filters.eq(MOVING, DELETING)));
        return deleted;
    }

    /**
     * Removes every task of a deleted account from both collections: the archive, the active tasks, the archive again.
     * A copy the archiver made before the active tasks went is removed by the second pass; one made after finds no
     * task to arm on; an unarchive that inserts after the active tasks went finds its copy gone and undoes itself.
     *
     * @return how many documents were removed
     */
    public long deleteTasksOf(String userId) {
        long removed = archive().deleteMany(Filters.eq("userId", userId)).getDeletedCount();
        removed += tasks().deleteMany(Filters.eq("userId", userId)).getDeletedCount();
        return removed + archive().deleteMany(Filters.eq("userId", userId)).getDeletedCount();
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

    private Bson visibleOf(String userId) {
        List<Object> armed = new ArrayList<>();
        archive().find(Filters.and(Filters.eq("userId", userId), Filters.eq(MOVING, TO_ARCHIVE)))
                .projection(Projections.include("_id")).forEach(d -> armed.add(d.get("_id")));
        Bson archived = Filters.exists(MOVING, false);
        if (!armed.isEmpty()) {
            Set<Object> stillActive = new HashSet<>();
            tasks().find(Filters.and(Filters.eq("userId", userId), Filters.in("_id", armed)))
                    .projection(Projections.include("_id")).forEach(d -> stillActive.add(d.get("_id")));
            List<Object> moved = armed.stream().filter(id -> !stillActive.contains(id)).toList();
            if (!moved.isEmpty()) {
                archived = Filters.or(archived, Filters.in("_id", moved));
            }
        }
        return Filters.and(Filters.eq("userId", userId), archived);
    }

    private static Bson sameVersion(Document copy) {
        Object version = copy.get("version");
        Bson same = version != null ? Filters.eq("version", version) : Filters.eq("updatedAt", copy.get("updatedAt"));
        return Filters.and(same, Filters.eq("status", "DONE"));
    }
}
