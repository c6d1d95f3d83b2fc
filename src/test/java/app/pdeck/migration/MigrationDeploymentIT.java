package app.pdeck.migration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What deploying the WAR does to the database before the API serves: every migration applied and recorded. */
@ExtendWith(ArquillianExtension.class)
class MigrationDeploymentIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

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

    private static String health(String kind) {
        return "http://127.0.0.1:" + System.getProperty("it.management.port") + "/health/" + kind;
    }

    @Test
    void readinessReportsTheMigrationsAsFinished() {
        // Only the migrations check: the overall status also depends on the backends' first connections.
        given().get(health("ready")).then()
                .body("checks.find { it.name == 'migrations' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'migrations' }.data.status", equalTo("DONE"));
    }

    @Test
    void theDeploymentRecordedEveryMigrationInTheChangelog() {
        List<Document> changelog = database.getCollection(Changelog.COLLECTION).find()
                .sort(Sorts.ascending("_id")).into(new ArrayList<>());

        assertEquals(List.of("001", "002", "003", "004"), changelog.stream().map(d -> d.getString("version")).toList());
        for (Document entry : changelog) {
            assertEquals("APPLIED", entry.getString("outcome"));
            assertTrue(entry.getString("checksum").matches("[0-9a-f]{64}"), entry.toJson());
            assertTrue(!entry.getString("node").isBlank(), entry.toJson());
            assertTrue(entry.getDate("appliedAt") != null, entry.toJson());
        }
        assertEquals(0, database.getCollection(MigrationLock.COLLECTION).countDocuments(), "the lock was released");
    }

    @Test
    void theIndexesTheDomainNeedsExist() {
        Set<String> taskIndexes = new HashSet<>();
        database.getCollection("tasks").listIndexes().forEach(i -> taskIndexes.add(i.getString("name")));
        assertTrue(taskIndexes.containsAll(Set.of("userId_1_priority_-1", "userId_1_dueDate_1",
                "userId_1_status_1_priority_-1", "userId_1_tags_1", "userId_1_createdAt_-1", "status_1_updatedAt_1")),
                taskIndexes.toString());
        Document emailIndex = database.getCollection("users").listIndexes().into(new ArrayList<>()).stream()
                .filter(i -> "email_1".equals(i.getString("name"))).findFirst().orElseThrow();
        assertEquals(Boolean.TRUE, emailIndex.getBoolean("unique"));
    }
}
