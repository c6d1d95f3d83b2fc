package app.pdeck.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.backup.BackupRestorer;
import app.pdeck.backup.BackupService;
import app.pdeck.backup.BackupDirectory;
import app.pdeck.backup.BackupWriter;
import app.pdeck.backup.Manifest;
import app.pdeck.backup.RestoreJob;
import app.pdeck.jobs.LeaseLock;
import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, item 1, as it happened: the archiver copies task T, a restore renames the backup's collections over
 * {@code tasks} and {@code tasks_archive}, the archiver deletes "the same version of T", which is the restored T.
 * Each side runs as its job would: only after taking its job's cluster lock.
 */
class ArchiveAndRestoreTest {

    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    @TempDir
    Path root;

    @Test
    void aRestoreRequestedWhileTheArchiverMovesATaskWaitsAndTheTaskIsKept() throws IOException {
        MongoDatabase database = mongo.freshDatabase("archive_restore");
        database.getCollection("tasks").insertOne(new Document("_id", "T").append("userId", "u1")
                .append("status", "DONE").append("updatedAt", Date.from(Instant.now().minus(Duration.ofDays(200))))
                .append("version", 3L));
        database.getCollection("tasks_archive").insertOne(new Document("_id", "A").append("userId", "u1")
                .append("status", "DONE").append("archivedAt", new Date()).append("version", 1L));
        BackupDirectory store = new BackupDirectory(root);
        Manifest backup = new BackupWriter(store, Clock.systemUTC()).write(database, BackupService.NOT_BACKED_UP,
                "test", new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                    }

                    @Override
                    public void checkpoint() {
                    }
                });
        LeaseLock locks = new LeaseLock(database.getCollection("job_locks"), Clock.systemUTC());
        LeaseLock.Lease archiving = locks.tryAcquire(new ArchiveService().lockName(), "archive-run", "node-a",
                "schedule:03:00", Duration.ofMinutes(1)).orElseThrow();
        boolean[] restored = {false};

        new TaskArchiver(database, Clock.systemUTC(), new TaskArchiver.Hooks() {
            @Override
            public void beforeDelete(List<Document> copies) {
                // An admin asks for a restore on another node while T is copied but not yet deleted.
                Optional<LeaseLock.Lease> restoring = locks.tryAcquire(new RestoreJob().lockName(), "restore-run",
                        "node-b", "manual:restore-run", Duration.ofMinutes(1));
                if (restoring.isPresent()) {
                    try {
                        new BackupRestorer().restoreStored(store, backup.id(), null, database, () -> { });
                        restored[0] = true;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    locks.release(restoring.get());
                }
            }
        }).archive(Instant.now().minus(Duration.ofDays(90)), 10, () -> { });
        locks.release(archiving);

        long kept = database.getCollection("tasks").countDocuments(Filters.eq("_id", "T"))
                + database.getCollection("tasks_archive").countDocuments(Filters.eq("_id", "T"));
        assertEquals(1, kept, "task T exists once (restore ran in between: " + restored[0] + ")");
    }
}
