package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The backup and restore code on its own, against the test MongoDB: round trip, corruption, interruption. */
class BackupRoundTripIT {

    private static final List<String> COLLECTIONS = List.of("projects", "tasks", "users");

    private MongoClient client;
    private MongoDatabase database;
    private Path root;
    private BackupDirectory store;

    @BeforeEach
    void seed() throws IOException {
        client = MongoClients.create(TestBackends.get().mongoUri());
        database = client.getDatabase("backup_it_" + UUID.randomUUID().toString().substring(0, 8));
        root = Files.createTempDirectory(Path.of("target"), "backups-it-");
        store = new BackupDirectory(root);
        List<Document> users = new ArrayList<>();
        List<Document> tasks = new ArrayList<>();
        for (int u = 0; u < 20; u++) {
            String userId = UUID.randomUUID().toString();
            users.add(new Document("_id", userId).append("email", "u" + u + "@example.test")
                    .append("passwordHash", "$argon2id$x").append("role", u == 0 ? "ADMIN" : "USER")
                    .append("preferences", new Document("theme", "dark").append("notifications", true))
                    .append("createdAt", new Date(1_700_000_000_000L + u)));
            for (int t = 0; t < 60; t++) {
                tasks.add(new Document("_id", UUID.randomUUID().toString()).append("userId", userId)
                        .append("title", "Task " + t + " — ünïcödé ✓").append("priority", t % 5)
                        .append("status", t % 3 == 0 ? "DONE" : "TODO").append("tags", List.of("a", "b" + t))
                        .append("dueDate", t % 2 == 0 ? null : new Date(1_800_000_000_000L + t))
                        .append("createdAt", new Date()).append("updatedAt", new Date())
                        .append("version", (long) t).append("estimate", new Decimal128(t))
                        .append("blob", new Binary(new byte[] {1, 2, (byte) t})));
            }
        }
        database.getCollection("users").insertMany(users);
        database.getCollection("tasks").insertMany(tasks);
        database.getCollection("projects").insertOne(new Document("_id", "p1").append("name", "Home")
                .append("archived", false));
        database.getCollection("users").createIndex(Indexes.ascending("email"),
                new IndexOptions().unique(true).name("email_unique"));
        database.getCollection("tasks").createIndex(Indexes.compoundIndex(Indexes.ascending("userId"),
                Indexes.descending("priority")));
        database.getCollection("tasks").createIndex(Indexes.ascending("createdAt"),
                new IndexOptions().expireAfter(3650L, TimeUnit.DAYS).name("created_ttl"));
        database.getCollection("job_runs").insertOne(new Document("_id", "not-backed-up"));
    }

    @AfterEach
    void cleanUp() {
        database.drop();
        client.close();
        new BackupDirectory(root).deleteQuietly(root);
    }

    private Manifest backup() throws IOException {
        return new BackupWriter(store, Clock.systemUTC()).write(database, BackupService.NOT_BACKED_UP, "test",
                new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                    }

                    @Override
                    public void checkpoint() {
                    }
                });
    }

    @Test
    void backupDropRestoreGivesBackEveryDocumentAndIndex() throws IOException {
        Map<String, String> documentsBefore = DatabaseFingerprint.documents(database, COLLECTIONS);
        var indexesBefore = DatabaseFingerprint.indexes(database, COLLECTIONS);
        Manifest manifest = backup();
        assertEquals(1221, manifest.totalDocuments());
        assertEquals(COLLECTIONS, manifest.collections().stream().map(Manifest.Entry::name).toList(),
                "job bookkeeping is not backed up");

        database.drop();
        new BackupRestorer().restore(store.find(manifest.id()).orElseThrow(), manifest, database, () -> { });

        assertEquals(documentsBefore, DatabaseFingerprint.documents(database, COLLECTIONS));
        assertEquals(indexesBefore, DatabaseFingerprint.indexes(database, COLLECTIONS));
        assertTrue(database.listCollectionNames().into(new ArrayList<>()).stream()
                .noneMatch(n -> n.startsWith("restore_tmp_")), "temporary collections are gone");
    }

    @Test
    void theLayoutIsMongodumpsGzipLayoutWithItsMetadataDocument() throws IOException {
        Manifest manifest = backup();
        Path dir = store.find(manifest.id()).orElseThrow();
        for (String name : COLLECTIONS) {
            assertTrue(Files.isRegularFile(dir.resolve(database.getName()).resolve(name + ".bson.gz")));
        }
        String metadata = gunzip(dir.resolve(database.getName()).resolve("users.metadata.json.gz"));
        Document parsed = Document.parse(metadata);
        assertEquals(List.of("indexes", "collectionName", "type"), new ArrayList<>(parsed.keySet()));
        assertEquals("users", parsed.getString("collectionName"));
        assertEquals("collection", parsed.getString("type"));
        assertTrue(metadata.contains("\"$numberInt\""), "canonical Extended JSON, as mongodump writes: " + metadata);
        assertTrue(parsed.getList("indexes", Document.class).stream()
                .anyMatch(i -> "email_unique".equals(i.getString("name")) && Boolean.TRUE.equals(i.get("unique"))));
    }

    @Test
    void aFlippedByteIsRefusedAndNothingChanges() throws IOException {
        Manifest manifest = backup();
        Path bson = store.find(manifest.id()).orElseThrow().resolve(database.getName()).resolve("tasks.bson.gz");
        byte[] bytes = Files.readAllBytes(bson);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(bson, bytes);
        database.getCollection("tasks").deleteMany(new Document("status", "DONE"));
        Map<String, String> before = DatabaseFingerprint.documents(database, COLLECTIONS);

        Verification verification = new BackupVerifier().verify(store.find(manifest.id()).orElseThrow(), manifest);
        assertFalse(verification.valid());
        BackupInvalidException refused = assertThrows(BackupInvalidException.class, () -> new BackupRestorer()
                .restore(store.find(manifest.id()).orElseThrow(), manifest, database, () -> { }));
        assertTrue(refused.getMessage().contains("tasks"), refused.getMessage());
        assertEquals(before, DatabaseFingerprint.documents(database, COLLECTIONS));
    }

    @Test
    void aRestoreThatFailsMidwayLeavesTheOldDataIntact() throws IOException {
        Manifest manifest = backup();
        database.getCollection("tasks").deleteMany(new Document("status", "DONE"));
        Map<String, String> before = DatabaseFingerprint.documents(database, COLLECTIONS);
        int[] checkpoints = {0};
        assertThrows(IllegalStateException.class, () -> new BackupRestorer().restore(
                store.find(manifest.id()).orElseThrow(), manifest, database, () -> {
                    if (++checkpoints[0] == 3) {
                        throw new IllegalStateException("lease lost");
                    }
                }));
        assertEquals(before, DatabaseFingerprint.documents(database, COLLECTIONS));
        assertTrue(database.listCollectionNames().into(new ArrayList<>()).stream()
                .noneMatch(n -> n.startsWith("restore_tmp_")));
    }

    @Test
    void anInterruptedBackupIsNeverListed() throws IOException {
        Manifest complete = backup();
        Path leftover = root.resolve(".tmp-20261125T020000000Z-deadbeef").resolve(database.getName());
        Files.createDirectories(leftover);
        Files.write(leftover.resolve("tasks.bson.gz"), new byte[] {31, -117, 8});
        Path noManifest = Files.createDirectories(root.resolve("20261125T020000000Z").resolve(database.getName()));
        Files.write(noManifest.resolve("tasks.bson.gz"), new byte[] {31, -117, 8});

        assertEquals(List.of(complete.id()), store.list().stream().map(Manifest::id).toList());
        assertTrue(store.find("20261125T020000000Z").isEmpty());
        assertEquals(1, store.removeLeftovers());
    }

    @Test
    void retentionKeepsTheNewestBackups() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(backup().id());
            sleepPastMillisecond();
        }
        assertEquals(List.of(ids.get(0)), store.prune(2));
        assertEquals(List.of(ids.get(2), ids.get(1)), store.list().stream().map(Manifest::id).toList());
    }

    @Test
    void idsThatAreNotBackupIdsReachNothing() {
        for (String id : List.of("..", "../..", "%2e%2e", "20261125T020000000Z/../..", "/etc", "", ".tmp-x")) {
            assertTrue(store.find(id).isEmpty(), id);
            assertFalse(store.delete(id), id);
        }
    }

    private static void sleepPastMillisecond() {
        Instant start = Instant.now();
        while (!Instant.now().isAfter(start.plusMillis(2))) {
            Thread.onSpinWait();
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
