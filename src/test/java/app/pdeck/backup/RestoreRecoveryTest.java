package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore survives a crash at any point of its renames, and never brings back a revocation the backup predates
 * (issue 17, item 5).
 */
class RestoreRecoveryTest {

    private static final List<String> COLLECTIONS = List.of("projects", "tasks", "users");
    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    @TempDir
    Path root;
    private BackupDirectory store;
    private MongoDatabase database;

    @BeforeEach
    void seed() {
        store = new BackupDirectory(root);
        database = mongo.freshDatabase("recovery");
        for (String collection : COLLECTIONS) {
            List<Document> documents = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                documents.add(new Document("_id", collection + "-" + i).append("userId", "u" + (i % 3))
                        .append("n", i));
            }
            database.getCollection(collection).insertMany(documents);
        }
    }

    private Manifest backup() throws IOException {
        Manifest manifest = new BackupWriter(store, Clock.systemUTC()).write(database, BackupService.NOT_BACKED_UP,
                "test", new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                    }

                    @Override
                    public void checkpoint() {
                    }
                });
        sleepPastMillisecond();
        return manifest;
    }

    /** A crash: the process stops at this point and nothing after it runs. */
    private static final class Crash extends RuntimeException {
    }

    @Test
    void aRestoreCrashedBetweenTwoRenamesIsFinishedByTheNextRestoreEvenWhenThatOneIsRefused() throws IOException {
        Manifest good = backup();
        Map<String, String> backedUp = DatabaseFingerprint.documents(database, COLLECTIONS);
        for (String collection : COLLECTIONS) {
            database.getCollection(collection).deleteMany(Filters.lt("n", 10));
        }
        int[] renames = {0};
        assertThrows(Crash.class, () -> new BackupRestorer(new BackupRestorer.Hooks() {
            @Override
            public void beforeRename(String collection) {
                if (++renames[0] == 2) {
                    throw new Crash();
                }
            }
        }).restoreStored(store, good.id(), null, database, () -> { }));

        Manifest damaged = backup();
        Path bson = store.find(damaged.id()).orElseThrow().resolve(damaged.collections().get(0).bsonFile());
        byte[] bytes = Files.readAllBytes(bson);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(bson, bytes);
        assertThrows(BackupInvalidException.class, () -> new BackupRestorer()
                .restoreStored(store, damaged.id(), null, database, () -> { }));

        assertEquals(backedUp, DatabaseFingerprint.documents(database, COLLECTIONS),
                "the interrupted restore was finished from its loaded copies, not half undone");
    }

    @Test
    void aRestoreCrashedBetweenTwoRenamesIsFinishedFromItsJournalAlone() throws IOException {
        Manifest manifest = backup();
        Map<String, String> backedUp = DatabaseFingerprint.documents(database, COLLECTIONS);
        database.getCollection("users").deleteMany(Filters.lt("n", 15));
        assertThrows(Crash.class, () -> new BackupRestorer(new BackupRestorer.Hooks() {
            @Override
            public void beforeRename(String collection) {
                if (collection.equals("tasks")) {
                    throw new Crash();
                }
            }
        }).restoreStored(store, manifest.id(), null, database, () -> { }));
        assertEquals(java.util.Optional.of(manifest.id()), BackupRestorer.interruptedRestore(database));
        store.delete(manifest.id());

        assertEquals(java.util.Optional.of(manifest.id()), new BackupRestorer().finishInterrupted(database));
        assertEquals(backedUp, DatabaseFingerprint.documents(database, COLLECTIONS));
        assertEquals(java.util.Optional.empty(), BackupRestorer.interruptedRestore(database));
        assertTrue(database.listCollectionNames().into(new ArrayList<>()).stream()
                .noneMatch(n -> n.startsWith("restore_tmp_")), "no temporary collection is left");
    }

    @Test
    void revocationsRecordedSinceTheBackupSurviveItsRestore() throws IOException {
        Date later = Date.from(Instant.now().plusSeconds(86_400));
        var revoked = database.getCollection("revoked_tokens");
        revoked.insertOne(new Document("_id", "jti:before").append("userId", "u1").append("expiresAt", later));
        revoked.insertOne(new Document("_id", "sub:u1").append("userId", "u1")
                .append("validAfter", new Date(1_000)).append("expiresAt", later));
        Manifest manifest = backup();
        revoked.insertOne(new Document("_id", "jti:after").append("userId", "u2").append("expiresAt", later));
        Date passwordChanged = new Date();
        revoked.updateOne(Filters.eq("_id", "sub:u1"), new Document("$set",
                new Document("validAfter", passwordChanged)));

        new BackupRestorer().restoreStored(store, manifest.id(), null, database, () -> { });

        assertTrue(revoked.countDocuments(Filters.eq("_id", "jti:after")) == 1,
                "a token logged out after the backup stays revoked");
        assertTrue(revoked.countDocuments(Filters.eq("_id", "jti:before")) == 1);
        assertEquals(passwordChanged, revoked.find(Filters.eq("_id", "sub:u1")).first().getDate("validAfter"),
                "the newer account-wide watermark is kept");
    }

    @Test
    void aRestoreIntoAnEmptyDatabaseBringsTheRevocationsWithTheirIndexes() throws IOException {
        database.getCollection("revoked_tokens").insertOne(new Document("_id", "jti:x").append("userId", "u1")
                .append("expiresAt", new Date()));
        database.getCollection("revoked_tokens").createIndex(new Document("userId", 1));
        Manifest manifest = backup();
        MongoDatabase empty = mongo.freshDatabase("empty");

        new BackupRestorer().restoreStored(store, manifest.id(), null, empty, () -> { });

        assertEquals(1, empty.getCollection("revoked_tokens").countDocuments());
        assertEquals(2, empty.getCollection("revoked_tokens").listIndexes().into(new ArrayList<>()).size());
    }

    private static void sleepPastMillisecond() {
        long until = System.currentTimeMillis() + 2;
        while (System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
    }
}
