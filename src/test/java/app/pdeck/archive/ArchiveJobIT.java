package app.pdeck.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.jobs.AdminApi;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ArchiveJobIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theArchiveJobMovesOldDoneTasksAndFinishesAnInterruptedMove() {
        String user = UUID.randomUUID().toString();
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase database = client.getDatabase("pdeck_it");
            List<Document> tasks = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean old = i < 8;
                tasks.add(new Document("_id", UUID.randomUUID().toString()).append("userId", user)
                        .append("title", "t" + i).append("status", i % 4 == 3 ? "TODO" : "DONE")
                        .append("priority", 1).append("tags", List.of())
                        .append("createdAt", Date.from(Instant.now().minus(Duration.ofDays(300))))
                        .append("updatedAt", Date.from(old ? Instant.now().minus(Duration.ofDays(91)) : Instant.now()))
                        .append("version", 1L));
            }
            database.getCollection("tasks").insertMany(tasks);
            // A killed earlier run: one task copied (marked) but not yet deleted from tasks.
            Document inFlight = new Document(tasks.get(0)).append("archivedAt", new Date()).append("moving",
                    "to-archive");
            database.getCollection("tasks_archive").insertOne(inFlight);

            JsonPath run = AdminApi.runJob(base, "archive");
            assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
            assertTrue(run.getLong("counts.archived") >= 5, run.prettify());

            // 8 old tasks, of which i = 3 and 7 are TODO: 6 archived, 6 stay, none in both.
            assertEquals(6, database.getCollection("tasks_archive").countDocuments(Filters.and(
                    Filters.eq("userId", user), Filters.exists("moving", false))));
            assertEquals(6, database.getCollection("tasks").countDocuments(Filters.eq("userId", user)));
        }
    }
}
