package app.pdeck.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The archiver against users acting between two of its writes, and against runs stopped there (issue 17, item 2 and
 * "a deleted user's data must not come back"): a task the user deleted never reappears in the archive, a task whose
 * move was interrupted is never hidden from both views, and a deleted account keeps no task.
 */
class TaskArchiverRaceTest {

    private static final Instant CUTOFF = Instant.now().minus(Duration.ofDays(90));
    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    private MongoDatabase database;
    private final String user = UUID.randomUUID().toString();
    private List<String> ids;

    @BeforeEach
    void seed() {
        database = mongo.freshDatabase("race");
        ids = new ArrayList<>();
        List<Document> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            tasks.add(new Document("_id", id).append("userId", user).append("title", "t" + i).append("status", "DONE")
                    .append("updatedAt", Date.from(Instant.now().minus(Duration.ofDays(120))))
                    .append("version", 2L));
        }
        database.getCollection("tasks").insertMany(tasks);
    }

    /** A crash: the run stops here and nothing after it runs. */
    private static final class Crash extends RuntimeException {
    }

    private TaskArchiver archiver(TaskArchiver.Hooks hooks) {
        return new TaskArchiver(database, Clock.systemUTC(), hooks);
    }

    /** What DELETE /tasks/{id} does (TaskStore.delete). */
    private void userDeletesTask(String id) {
        new TaskArchiver(database, Clock.systemUTC()).deleteTask(user, id);
    }

    /** What deleting the account does to its tasks (UserService.finishDeletion). */
    private void accountIsDeleted() {
        new TaskArchiver(database, Clock.systemUTC()).deleteTasksOf(user);
    }

    private boolean anywhere(String id) {
        return database.getCollection("tasks").countDocuments(Filters.eq("_id", id))
                + database.getCollection("tasks_archive").countDocuments(Filters.eq("_id", id)) > 0;
    }

    @Test
    void aTaskDeletedBeforeItsCopyIsWrittenDoesNotComeBack() {
        archiver(new TaskArchiver.Hooks() {
            @Override
            public void afterRead(List<Document> batch) {
                userDeletesTask(ids.get(0));
            }
        }).archive(CUTOFF, 10, () -> { });
        assertTrue(!anywhere(ids.get(0)), "the deleted task reappeared");
        assertEquals(3, archiver(new TaskArchiver.Hooks() { }).countArchived(user));
    }

    @Test
    void aTaskDeletedBetweenCopyAndDeleteDoesNotComeBack() {
        archiver(new TaskArchiver.Hooks() {
            @Override
            public void beforeDelete(List<Document> copies) {
                userDeletesTask(ids.get(1));
            }
        }).archive(CUTOFF, 10, () -> { });
        assertTrue(!anywhere(ids.get(1)), "the deleted task reappeared");
        assertEquals(3, archiver(new TaskArchiver.Hooks() { }).countArchived(user));
    }

    @Test
    void aTaskDeletedBetweenCopyAndDeleteOfARunThatThenStopsDoesNotComeBackWithTheNextRun() {
        assertThrows(Crash.class, () -> archiver(new TaskArchiver.Hooks() {
            @Override
            public void beforeDelete(List<Document> copies) {
                userDeletesTask(ids.get(2));
                throw new Crash();
            }
        }).archive(CUTOFF, 10, () -> { }));
        archiver(new TaskArchiver.Hooks() { }).archive(CUTOFF, 10, () -> { });
        assertTrue(!anywhere(ids.get(2)), "the deleted task reappeared");
        assertEquals(3, archiver(new TaskArchiver.Hooks() { }).countArchived(user));
    }

    @Test
    void aRunStoppedBetweenDeleteAndUnmarkHidesNoTaskFromBothViews() {
        assertThrows(Crash.class, () -> archiver(new TaskArchiver.Hooks() {
            @Override
            public void afterDelete(List<Document> copies) {
                throw new Crash();
            }
        }).archive(CUTOFF, 10, () -> { }));
        TaskArchiver next = archiver(new TaskArchiver.Hooks() { });
        assertEquals(0, database.getCollection("tasks").countDocuments());
        assertEquals(4, next.countArchived(user), "the moved tasks are listed before the next run settles them");
        assertEquals(4, next.listArchived(user, 0, 10).size());
        assertTrue(next.unarchive(user, ids.get(3)).isPresent(), "and can be moved back");
        assertEquals(3, next.countArchived(user));
    }

    @Test
    void anAccountDeletedWhileOneOfItsTasksIsUnarchivedKeepsNoTask() {
        archiver(new TaskArchiver.Hooks() { }).archive(CUTOFF, 10, () -> { });
        archiver(new TaskArchiver.Hooks() {
            @Override
            public void afterUnarchiveMark(Document marked) {
                accountIsDeleted();
            }
        }).unarchive(user, ids.get(0));
        assertEquals(0, database.getCollection("tasks").countDocuments(Filters.eq("userId", user)));
        assertEquals(0, database.getCollection("tasks_archive").countDocuments(Filters.eq("userId", user)));
    }

    @Test
    void anAccountDeletedBetweenTheArchiversCopyAndDeleteOfARunThatThenStopsKeepsNoTask() {
        assertThrows(Crash.class, () -> archiver(new TaskArchiver.Hooks() {
            @Override
            public void beforeDelete(List<Document> copies) {
                accountIsDeleted();
                throw new Crash();
            }
        }).archive(CUTOFF, 10, () -> { }));
        archiver(new TaskArchiver.Hooks() { }).archive(CUTOFF, 10, () -> { });
        assertEquals(0, database.getCollection("tasks").countDocuments(Filters.eq("userId", user)));
        assertEquals(0, database.getCollection("tasks_archive").countDocuments(Filters.eq("userId", user)));
    }
}
