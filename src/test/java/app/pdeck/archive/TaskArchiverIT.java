package app.pdeck.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The archive moves on their own, against the test MongoDB, including runs killed between two steps. */
class TaskArchiverIT {

    private static final Instant NOW = Instant.now();
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(90));

    private MongoClient client;
    private MongoDatabase database;
    private TaskArchiver archiver;
    private final String user = UUID.randomUUID().toString();

    @BeforeEach
    void connect() {
        client = MongoClients.create(TestBackends.get().mongoUri());
        database = client.getDatabase("archive_it_" + UUID.randomUUID().toString().substring(0, 8));
        archiver = new TaskArchiver(database, Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() {
        database.drop();
        client.close();
    }

    private List<String> seed(int oldDone, int recentDone, int oldTodo) {
        List<Document> tasks = new ArrayList<>();
        List<String> eligible = new ArrayList<>();
        for (int i = 0; i < oldDone + recentDone + oldTodo; i++) {
            boolean old = i < oldDone || i >= oldDone + recentDone;
            String status = i < oldDone + recentDone ? "DONE" : "TODO";
            String id = UUID.randomUUID().toString();
            if (old && status.equals("DONE")) {
                eligible.add(id);
            }
            tasks.add(new Document("_id", id).append("userId", user).append("title", "t" + i)
                    .append("status", status).append("priority", i % 4).append("tags", List.of("x"))
                    .append("createdAt", Date.from(NOW.minus(Duration.ofDays(400))))
                    .append("updatedAt", Date.from(old ? NOW.minus(Duration.ofDays(100 + i)) : NOW))
                    .append("version", 3L));
        }
        database.getCollection("tasks").insertMany(tasks);
        return eligible;
    }

    private Set<String> ids(String collection) {
        Set<String> ids = new HashSet<>();
        database.getCollection(collection).find().forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    private void assertNoTaskLostOrDuplicated(int total) {
        Set<String> active = ids("tasks");
        Set<String> archived = ids("tasks_archive");
        Set<String> both = new HashSet<>(active);
        both.retainAll(archived);
        assertEquals(Set.of(), both, "tasks in both collections");
        assertEquals(total, active.size() + archived.size(), "tasks lost");
    }

    @Test
    void oldDoneTasksMoveInBatchesAndOthersStay() {
        List<String> eligible = seed(23, 5, 4);
        TaskArchiver.Result result = archiver.archive(CUTOFF, 10, () -> { });
        assertEquals(23, result.archived());
        assertEquals(Set.copyOf(eligible), ids("tasks_archive"));
        assertNoTaskLostOrDuplicated(32);
        assertEquals(0, database.getCollection("tasks_archive").countDocuments(Filters.exists("moving")));
        assertEquals(0, archiver.archive(CUTOFF, 10, () -> { }).archived(), "a second run has nothing to do");
        assertNoTaskLostOrDuplicated(32);
    }

    @Test
    void aRunKilledAfterCopyingButBeforeDeletingIsFinishedByTheNextRun() {
        seed(15, 0, 2);
        // The killed run: step 1 (copy, marked) done for a batch, step 2 (delete from tasks) never happened.
        List<Document> batch = database.getCollection("tasks").find(Filters.eq("status", "DONE")).limit(7)
                .into(new ArrayList<>());
        archiver.copyToArchive(batch);
        assertEquals(0, archiver.countArchived(user), "copies in flight are hidden from the user");

        TaskArchiver.Result next = archiver.archive(CUTOFF, 5, () -> { });
        assertEquals(7, next.settled());
        assertEquals(15, database.getCollection("tasks_archive").countDocuments());
        assertNoTaskLostOrDuplicated(17);
        assertEquals(15, archiver.countArchived(user));
    }

    @Test
    void aRunKilledAfterDeletingButBeforeUnmarkingIsFinishedByTheNextRun() {
        seed(6, 0, 0);
        List<Document> batch = database.getCollection("tasks").find().into(new ArrayList<>());
        archiver.arm(archiver.copyToArchive(batch));
        database.getCollection("tasks").deleteMany(new Document());
        assertEquals(6, archiver.countArchived(user), "moved but not unmarked: already listed, not hidden from both");

        archiver.archive(CUTOFF, 5, () -> { });
        assertEquals(6, archiver.countArchived(user));
        assertNoTaskLostOrDuplicated(6);
    }

    @Test
    void aTaskChangedWhileInFlightStaysActiveAndItsCopyIsDropped() {
        seed(4, 0, 0);
        List<Document> batch = database.getCollection("tasks").find().into(new ArrayList<>());
        archiver.copyToArchive(batch);
        String reopened = batch.get(0).getString("_id");
        database.getCollection("tasks").updateOne(Filters.eq("_id", reopened), new Document("$set",
                new Document("status", "TODO").append("version", 4L).append("updatedAt", new Date())));

        archiver.archive(CUTOFF, 10, () -> { });
        assertTrue(ids("tasks").contains(reopened));
        assertEquals(3, ids("tasks_archive").size());
        assertNoTaskLostOrDuplicated(4);
    }

    @Test
    void unarchiveMovesATaskBackOnceAndIsIdempotent() {
        seed(3, 0, 0);
        archiver.archive(CUTOFF, 10, () -> { });
        String id = ids("tasks_archive").iterator().next();

        Document back = archiver.unarchive(user, id).orElseThrow();
        assertEquals(4L, back.getLong("version"));
        assertTrue(back.getDate("updatedAt").toInstant().isAfter(CUTOFF), "not archived again by the next run");
        assertEquals(back, archiver.unarchive(user, id).orElseThrow());
        assertTrue(archiver.unarchive("someone-else", id).isEmpty(), "other users' tasks are not found");
        assertEquals(0, archiver.archive(CUTOFF, 10, () -> { }).archived());
        assertNoTaskLostOrDuplicated(3);
        assertEquals(2, archiver.countArchived(user));
    }

    @Test
    void anUnarchiveKilledHalfWayIsFinishedByTheNextArchiveRun() {
        seed(2, 0, 0);
        archiver.archive(CUTOFF, 10, () -> { });
        String id = ids("tasks_archive").iterator().next();
        database.getCollection("tasks_archive").updateOne(Filters.eq("_id", id),
                new Document("$set", new Document("moving", "from-archive")));

        archiver.archive(CUTOFF, 10, () -> { });
        assertTrue(ids("tasks").contains(id));
        assertNoTaskLostOrDuplicated(2);
    }
}
