package app.pdeck.backup;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static app.pdeck.jobs.AdminApi.awaitRun;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class BackupIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private MongoClient client;
    private MongoDatabase database;
    private String collection;

    @BeforeEach
    void seed() {
        client = MongoClients.create(TestBackends.get().mongoUri());
        database = client.getDatabase("pdeck_it");
        collection = "it_backup_" + UUID.randomUUID().toString().substring(0, 8);
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            documents.add(new Document("_id", UUID.randomUUID().toString()).append("n", i)
                    .append("label", "doc " + i).append("at", new Date(1_700_000_000_000L + i))
                    .append("tags", List.of("t" + i % 7)));
        }
        database.getCollection(collection).insertMany(documents);
        database.getCollection(collection).createIndex(Indexes.compoundIndex(Indexes.ascending("n"),
                Indexes.descending("at")), new IndexOptions().unique(true).name("n_at"));
    }

    @AfterEach
    void cleanUp() {
        database.getCollection(collection).drop();
        client.close();
    }

    private static Path backupDir() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "data", "pdeck-backups");
    }

    private String backupNow() {
        String runId = asAdmin(base).post("api/v1/admin/backups").then().statusCode(202).extract().path("runId");
        JsonPath run = awaitRun(base, runId);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(250L, run.getLong("counts." + collection));
        return run.getString("results.backupId");
    }

    private Map<String, String> fingerprint() {
        return DatabaseFingerprint.documents(database, List.of(collection));
    }

    @Test
    void aBackupIsListedDescribedAndVerifies() {
        String id = backupNow();
        asAdmin(base).get("api/v1/admin/backups").then().statusCode(200)
                .body("items.id", hasItem(id));
        asAdmin(base).get("api/v1/admin/backups/" + id).then().statusCode(200)
                .body("backup.database", equalTo("pdeck_it"))
                .body("collections.name", hasItem(collection))
                .body("collections.name", not(hasItem("job_runs")));
        asAdmin(base).post("api/v1/admin/backups/" + id + "/verify").then().statusCode(200)
                .body("valid", equalTo(true));
        assertTrue(Files.isRegularFile(backupDir().resolve(id).resolve("pdeck_it").resolve(collection + ".bson.gz")));
    }

    @Test
    void restoreGivesBackTheBackedUpDocumentsAndIndexes() {
        Map<String, String> before = fingerprint();
        var indexesBefore = DatabaseFingerprint.indexes(database, List.of(collection));
        String id = backupNow();
        database.getCollection(collection).drop();

        String runId = asAdmin(base).post("api/v1/admin/backups/" + id + "/restore").then().statusCode(202)
                .extract().path("runId");
        JsonPath run = awaitRun(base, runId);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(before, fingerprint());
        assertEquals(indexesBefore, DatabaseFingerprint.indexes(database, List.of(collection)));
        asAdmin(base).get("api/v1/admin/jobs/runs/" + runId).then().statusCode(200)
                .body("job", equalTo("restore")); // job_runs survived the restore
    }

    @Test
    void restoreCanTargetAnotherDatabase() {
        String id = backupNow();
        String target = "pdeck_it_copy_" + UUID.randomUUID().toString().substring(0, 8);
        String runId = asAdmin(base).contentType("application/json").body(Map.of("targetDatabase", target))
                .post("api/v1/admin/backups/" + id + "/restore").then().statusCode(202).extract().path("runId");
        assertEquals("SUCCEEDED", awaitRun(base, runId).getString("status"));
        MongoDatabase copy = client.getDatabase(target);
        try {
            assertEquals(fingerprint(), DatabaseFingerprint.documents(copy, List.of(collection)));
        } finally {
            copy.drop();
        }
        asAdmin(base).contentType("application/json").body(Map.of("targetDatabase", "../admin"))
                .post("api/v1/admin/backups/" + id + "/restore").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aCorruptedBackupIsRefusedWith422AndNothingChanges() throws IOException {
        String id = backupNow();
        Path bson = backupDir().resolve(id).resolve("pdeck_it").resolve(collection + ".bson.gz");
        byte[] bytes = Files.readAllBytes(bson);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(bson, bytes);
        database.getCollection(collection).deleteMany(new Document("n", new Document("$lt", 100)));
        Map<String, String> before = fingerprint();

        asAdmin(base).post("api/v1/admin/backups/" + id + "/restore").then()
                .statusCode(422).contentType("application/problem+json")
                .body("detail", containsString(collection + ".bson.gz"));
        assertEquals(before, fingerprint());
        asAdmin(base).post("api/v1/admin/backups/" + id + "/verify").then().statusCode(200)
                .body("valid", equalTo(false));
    }

    @Test
    void aBackupInterruptedHalfWayIsNeverListed() throws IOException {
        String id = backupNow();
        Path leftover = Files.createDirectories(backupDir().resolve(".tmp-20200101T000000000Z-it").resolve("pdeck_it"));
        Files.write(leftover.resolve("tasks.bson.gz"), new byte[] {31, -117});
        Path noManifest = Files.createDirectories(backupDir().resolve("20200101T000000000Z").resolve("pdeck_it"));
        Files.write(noManifest.resolve("tasks.bson.gz"), new byte[] {31, -117});

        List<String> listed = asAdmin(base).get("api/v1/admin/backups").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        assertTrue(listed.contains(id));
        assertTrue(listed.stream().allMatch(BackupDirectory::isValidId));
        assertTrue(!listed.contains("20200101T000000000Z"));
        asAdmin(base).get("api/v1/admin/backups/20200101T000000000Z").then().statusCode(404);
        asAdmin(base).post("api/v1/admin/backups/20200101T000000000Z/restore").then().statusCode(404);
    }

    @Test
    void pathTraversalInTheIdFindsNothing() {
        for (String id : List.of("..", "..%2F..%2Fconfiguration", "%2e%2e", "..%5c..", "20261125T020000000Z%2F..")) {
            asAdmin(base).urlEncodingEnabled(false).get("api/v1/admin/backups/" + id).then().statusCode(404);
            asAdmin(base).urlEncodingEnabled(false).delete("api/v1/admin/backups/" + id).then().statusCode(404);
        }
    }

    @Test
    void aDeletedBackupIsGone() {
        String id = backupNow();
        asAdmin(base).delete("api/v1/admin/backups/" + id).then().statusCode(204);
        asAdmin(base).get("api/v1/admin/backups/" + id).then().statusCode(404).contentType("application/problem+json");
        asAdmin(base).delete("api/v1/admin/backups/" + id).then().statusCode(404);
        assertTrue(Files.notExists(backupDir().resolve(id)));
    }
}
