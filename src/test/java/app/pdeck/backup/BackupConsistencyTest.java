package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.archive.TaskArchiver;
import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's task moved between {@code tasks} and {@code tasks_archive} while a backup runs is in the backup, once
 * (issue 17, item 3: the collections are read one after the other, so a move between the two reads fell between
 * them).
 */
class BackupConsistencyTest {

    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    @TempDir
    Path root;

    @Test
    void aTaskUnarchivedBetweenTheTwoCollectionReadsIsRestoredExactlyOnce() throws IOException {
        MongoDatabase database = mongo.freshDatabase("consistency");
        String user = UUID.randomUUID().toString();
        String moved = UUID.randomUUID().toString();
        Instant old = Instant.now().minus(Duration.ofDays(200));
        database.getCollection("tasks").insertOne(new Document("_id", UUID.randomUUID().toString())
                .append("userId", user).append("title", "stays").append("status", "TODO")
                .append("updatedAt", new Date()).append("version", 1L));
        database.getCollection("tasks_archive").insertOne(new Document("_id", moved).append("userId", user)
                .append("title", "moves back during the backup").append("status", "DONE")
                .append("updatedAt", Date.from(old)).append("archivedAt", Date.from(old)).append("version", 2L));
        TaskArchiver archiver = new TaskArchiver(database, Clock.systemUTC());
        boolean[] unarchived = {false};

        BackupDirectory store = new BackupDirectory(root);
        Manifest manifest = new BackupWriter(store, Clock.systemUTC()).write(database, BackupService.NOT_BACKED_UP,
                "test", new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                        // The user moves the task back right after the first of the two collections was read.
                        if (!unarchived[0] && List.of("tasks", "tasks_archive").contains(collection)) {
                            unarchived[0] = true;
                            archiver.unarchive(user, moved).orElseThrow();
                        }
                    }

                    @Override
                    public void checkpoint() {
                    }
                });

        MongoDatabase restored = mongo.freshDatabase("restored");
        new BackupRestorer().restore(store.find(manifest.id()).orElseThrow(), manifest, restored, () -> { });
        long active = restored.getCollection("tasks").countDocuments(Filters.eq("_id", moved));
        long archived = restored.getCollection("tasks_archive").countDocuments(Filters.eq("_id", moved));
        assertEquals(1, active + archived, "the moved task is in the backup once (active " + active + ", archived "
                + archived + ")");
        assertEquals(2, restored.getCollection("tasks").countDocuments(Filters.eq("userId", user)),
                "the unarchived task comes back as the user left it: active");
    }
}
