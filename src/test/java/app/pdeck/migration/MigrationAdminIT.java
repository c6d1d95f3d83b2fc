package app.pdeck.migration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The admin migration endpoints against the deployed WAR, with data written straight into pdeck_it. */
@ExtendWith(ArquillianExtension.class)
class MigrationAdminIT {

    private static final String PATH = "api/v1/admin/migrations";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private static MongoClient client;
    private static MongoDatabase database;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestBackends.get().mongoUri());
        database = client.getDatabase("pdeck_it");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /**
     * Whatever a test did, the next test (and test class) starts with every migration applied, and without the
     * backups its runs took before changing data (they are exempt from retention, so they would pile up).
     */
    @AfterEach
    void everythingAppliedAgain() {
        admin().post(PATH + "/repair");
        admin().post(PATH + "/up");
        for (String id : admin().get("api/v1/admin/backups").jsonPath().<String>getList(
                "items.findAll { it.changelogVersion != null }.id")) {
            admin().delete("api/v1/admin/backups/" + id);
        }
    }

    private RequestSpecification admin() {
        return given().baseUri(base.toString()).auth().oauth2(Accounts.adminToken(base));
    }

    @Test
    void statusAfterDeploymentShowsEveryMigrationAppliedAndNonePending() {
        admin().get(PATH).then()
                .statusCode(200)
                .body("applied.version", equalTo(List.of("001", "002", "003", "004")))
                .body("applied[0].outcome", equalTo("APPLIED"))
                .body("pending", empty())
                .body("drift", empty())
                .body("lastRun.status", equalTo("DONE"))
                .body("lock", nullValue());
    }

    @Test
    void aRunThatChangesDataIsPrecededByABackupThatTheStatusNamesAndTheBackupListShowsStamped() {
        String run = UUID.randomUUID().toString();
        database.getCollection("tasks").insertOne(sampleTask(run + "-t", "TODO", new Date(), new Date()));
        Response down = admin().post(PATH + "/down?to=003");
        down.then().statusCode(200).body("migrations.version", equalTo(List.of("004")));
        String backupId = down.jsonPath().getString("backupBefore");
        assertTrue(backupId != null && backupId.matches("\\d{8}T\\d{9}Z"), down.asString());

        admin().get(PATH).then().statusCode(200)
                .body("lastBackup.backupId", equalTo(backupId))
                .body("lastBackup.changelogVersion", equalTo("004"))
                .body("lastBackup.direction", equalTo("down"))
                .body("lastBackup.migrations", equalTo(List.of("004")));
        admin().get("api/v1/admin/backups").then().statusCode(200)
                .body("items.find { it.id == '" + backupId + "' }.changelogVersion", equalTo("004"))
                .body("items.find { it.id == '" + backupId + "' }.reason", equalTo("before migrations down: 004"));
        admin().get("api/v1/admin/backups/" + backupId).then().statusCode(200)
                .body("collections.name", hasItem("tasks"));
        database.getCollection("tasks").deleteMany(Filters.regex("_id", "^" + run));
        admin().delete("api/v1/admin/backups/" + backupId).then().statusCode(204);
    }

    @Test
    void downThenUpRestoresTheSameDocuments() {
        String run = UUID.randomUUID().toString();
        MongoCollection<Document> tasks = database.getCollection("tasks");
        Date created = Date.from(Instant.parse("2026-04-01T09:00:00Z"));
        Date updated = Date.from(Instant.parse("2026-04-02T17:45:00Z"));
        // Shapes an older version of the service left behind: no tags, DONE without completedAt.
        tasks.insertMany(List.of(
                sampleTask(run + "-legacy", "DONE", created, updated),
                sampleTask(run + "-tagged", "TODO", created, updated).append("tags", List.of("home")),
                sampleTask(run + "-done", "DONE", created, updated).append("tags", List.of())
                        .append("completedAt", created)));
        admin().post(PATH + "/up").then().statusCode(200);
        admin().post(PATH + "/down?to=000").then().statusCode(200);
        admin().post(PATH + "/up").then().statusCode(200)
                .body("migrations.version", equalTo(List.of("001", "002", "003", "004")));
        List<Document> afterUp = samples(tasks, run);
        assertEquals(List.of(), afterUp.get(1).get("tags"), "V002 gave the legacy task tags");
        assertEquals(updated, afterUp.get(1).getDate("completedAt"), "V003 backfilled completedAt");

        admin().post(PATH + "/down?to=000").then().statusCode(200)
                .body("direction", equalTo("down"))
                .body("migrations.version", equalTo(List.of("004", "003", "002", "001")));
        admin().get(PATH).then().body("pending", hasSize(4)).body("applied", empty());
        Document legacyAfterDown = tasks.find(Filters.eq("_id", run + "-legacy")).first();
        assertEquals(false, legacyAfterDown.containsKey("tags"));
        assertEquals(false, legacyAfterDown.containsKey("completedAt"));
        admin().post(PATH + "/up").then().statusCode(200);

        assertEquals(afterUp, samples(tasks, run));
        tasks.deleteMany(Filters.regex("_id", "^" + run));
    }

    @Test
    void dryRunListsWhatWouldRunWithoutRunningIt() {
        admin().post(PATH + "/down?to=001").then().statusCode(200);

        admin().post(PATH + "/up?dryRun=true").then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("migrations.version", equalTo(List.of("002", "003", "004")));
        admin().get(PATH).then().body("pending.version", equalTo(List.of("002", "003", "004")));
        admin().post(PATH + "/up?to=002").then().statusCode(200).body("migrations.version", equalTo(List.of("002")));
        admin().get(PATH).then().body("pending.version", equalTo(List.of("003", "004")));
    }

    @Test
    void anAlteredChecksumIsDriftThatRefusesUpWithConflictUntilRepaired() {
        MongoCollection<Document> changelog = database.getCollection(Changelog.COLLECTION);
        String original = changelog.find(Filters.eq("_id", "002")).first().getString("checksum");
        try {
            changelog.updateOne(Filters.eq("_id", "002"), Updates.set("checksum", "f".repeat(64)));

            admin().get(PATH).then()
                    .statusCode(200)
                    .body("drift.version", equalTo(List.of("002")))
                    .body("drift[0].appliedChecksum", equalTo("f".repeat(64)))
                    .body("drift[0].currentChecksum", equalTo(original));
            admin().post(PATH + "/up").then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", containsString("migration-drift"))
                    .body("detail", containsString("002"));

            admin().post(PATH + "/repair").then().statusCode(200).body("repaired.version", equalTo(List.of("002")));
            String repairedBy = changelog.find(Filters.eq("_id", "002")).first().getString("repairedBy");
            assertTrue(repairedBy.startsWith(Accounts.ADMIN_EMAIL), repairedBy);
            admin().get(PATH).then().body("drift", empty());
            admin().post(PATH + "/up").then().statusCode(200);
        } finally {
            changelog.updateOne(Filters.eq("_id", "002"), Updates.set("checksum", original));
        }
    }

    @Test
    void aMalformedTargetIsABadRequestAndAnUnknownOneIsNotFound() {
        admin().post(PATH + "/up?to=latest").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        admin().post(PATH + "/down?to=042").then()
                .statusCode(404).contentType("application/problem+json").body("detail", containsString("042"));
        admin().post(PATH + "/up?dryRun=maybe").then()
                .statusCode(400).body("errors.field", hasItem("dryRun"));
    }

    @Test
    void concurrentUpRequestsApplyEachMigrationOnce() throws Exception {
        admin().post(PATH + "/down?to=000").then().statusCode(200);
        String token = Accounts.adminToken(base);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Response> up = () -> {
            start.await();
            return given().baseUri(base.toString()).auth().oauth2(token).post(PATH + "/up");
        };
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(callers.submit(up));
            }
            start.countDown();
            int applied = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.statusCode() == 200) {
                    applied += response.jsonPath().getList("migrations").size();
                } else {
                    assertEquals(409, response.statusCode(), response.asString());
                }
            }
            assertEquals(4, applied, "each of the four migrations was applied by exactly one request");
        } finally {
            callers.shutdownNow();
        }
        admin().get(PATH).then().body("pending", empty());
    }

    @Test
    void onlyAdminsMayUseTheMigrationEndpoints() {
        given().baseUri(base.toString()).get(PATH).then().statusCode(401);
        given().baseUri(base.toString()).auth().oauth2(Accounts.newUser(base).token()).post(PATH + "/down?to=000")
                .then().statusCode(403);
        admin().get(PATH).then().body("pending", empty());
    }

    private static Document sampleTask(String id, String status, Date created, Date updated) {
        return new Document("_id", id).append("userId", "migration-it").append("projectId", null)
                .append("title", "sample " + id).append("description", "").append("priority", 3)
                .append("dueDate", null).append("status", status).append("createdAt", created)
                .append("updatedAt", updated).append("version", 1L);
    }

    private static List<Document> samples(MongoCollection<Document> tasks, String run) {
        return tasks.find(Filters.regex("_id", "^" + run)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
