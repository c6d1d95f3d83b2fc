package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted backups are durable and keep clear text out of the backup directory, which is often shared storage
 * (issue 17, item 4).
 */
class EncryptedBackupFilesTest {

    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    @TempDir
    Path root;
    private BackupDirectory store;
    private MongoDatabase database;
    private final SecretKey key = key();

    private static SecretKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @BeforeEach
    void seed() {
        store = new BackupDirectory(root);
        database = mongo.freshDatabase("sealed");
        List<Document> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(new Document("_id", "t" + i).append("userId", "u1").append("title", "secret title " + i));
        }
        database.getCollection("tasks").insertMany(tasks);
        database.getCollection("users").insertOne(new Document("_id", "u1").append("email", "a@example.test"));
    }

    /** Files under the backup directory that are neither encrypted nor the manifest. */
    private Set<String> clearTextFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            Set<String> clear = new TreeSet<>();
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> !p.endsWith(Manifest.SEALED_SUFFIX) && !p.endsWith(Manifest.FILE))
                    .forEach(clear::add);
            return clear;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifest backup(BackupWriter.FileSync sync, List<Set<String>> clearSeen) throws IOException {
        return new BackupWriter(store, Clock.systemUTC(), new BackupWriter.Sealing("k1", key), sync).write(database,
                BackupService.NOT_BACKED_UP, "test", new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                        clearSeen.add(clearTextFiles());
                    }

                    @Override
                    public void checkpoint() {
                    }
                });
    }

    @Test
    void everyFileOfAnEncryptedBackupIsSyncedBeforeItIsPublished() throws IOException {
        Set<String> synced = new TreeSet<>();
        Manifest manifest = backup((file, out) -> {
            synced.add(file.getFileName().toString());
            out.getFD().sync();
        }, new ArrayList<>());
        Set<String> published = new TreeSet<>();
        try (Stream<Path> files = Files.walk(store.find(manifest.id()).orElseThrow())) {
            files.filter(Files::isRegularFile).forEach(f -> published.add(f.getFileName().toString()));
        }
        assertEquals(published, synced, "files of the published backup that were fsynced");
    }

    @Test
    void noClearTextReachesTheBackupDirectoryWhileWriting() throws IOException {
        List<Set<String>> whileWriting = new ArrayList<>();
        backup(BackupWriter.FSYNC, whileWriting);
        assertEquals(List.of(Set.of(), Set.of()), whileWriting, "clear text while writing");
    }

    @Test
    void noClearTextReachesTheBackupDirectoryWhileRestoring() throws IOException {
        Manifest manifest = backup(BackupWriter.FSYNC, new ArrayList<>());
        List<Set<String>> whileRestoring = new ArrayList<>();
        MongoDatabase target = mongo.freshDatabase("target");
        new BackupRestorer().restoreStored(store, manifest.id(), key, target,
                () -> whileRestoring.add(clearTextFiles()));
        assertTrue(!whileRestoring.isEmpty() && whileRestoring.stream().allMatch(Set::isEmpty),
                "clear text while restoring: " + whileRestoring);
        assertEquals(50, target.getCollection("tasks").countDocuments());
    }
}
