package app.pdeck.stats;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class AdminStatsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theOverviewMatchesTheDatabase() {
        asAdmin(base).get("api/v1/admin/stats").then().statusCode(200);
        Accounts.newUser(base);
        LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(17);
        Instant noon = day.atStartOfDay(ZoneOffset.UTC).plusHours(12).toInstant();
        long users;
        long createdThatDay;
        long archived;
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase db = client.getDatabase("pdeck_it");
            for (int i = 0; i < 3; i++) {
                db.getCollection("tasks").insertOne(new Document("_id", UUID.randomUUID().toString())
                        .append("userId", "admin-stats-it").append("title", "old").append("status", "TODO")
                        .append("tags", List.of()).append("createdAt", Date.from(noon))
                        .append("updatedAt", Date.from(noon)).append("version", 1L));
            }
            db.getCollection("tasks_archive").insertOne(new Document("_id", UUID.randomUUID().toString())
                    .append("userId", "admin-stats-it").append("title", "archived").append("status", "DONE")
                    .append("createdAt", Date.from(noon)).append("archivedAt", new Date()));
            users = db.getCollection("users").countDocuments(Filters.eq("deletedAt", null));
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
            createdThatDay = db.getCollection("tasks").countDocuments(Filters.and(
                    Filters.gte("createdAt", Date.from(start)),
                    Filters.lt("createdAt", Date.from(start.plusSeconds(86_400)))));
            archived = db.getCollection("tasks_archive").countDocuments();
        }
        // the overview is cached for a short TTL; flushing the cache is how an administrator sees new data at once
        asAdmin(base).delete("api/v1/admin/cache/admin-stats").then().statusCode(204);

        JsonPath stats = asAdmin(base).get("api/v1/admin/stats").then().statusCode(200).extract().jsonPath();

        assertEquals(users, stats.getLong("users"));
        assertTrue(createdThatDay >= 3);
        List<Map<String, Object>> days = stats.getList("tasksCreatedPerDay");
        assertEquals(30, days.size());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), days.get(29).get("day"));
        assertEquals(Map.of("day", day.toString(), "created", (int) createdThatDay), days.get(29 - 17));
        assertEquals(archived, stats.getLong("archive.tasks"));
        assertTrue(stats.getLong("archive.dataSize") > 0);
        long week = stats.getLong("activeUsers.last7Days");
        long month = stats.getLong("activeUsers.last30Days");
        assertTrue(stats.getLong("activeUsers.last24Hours") <= week && week <= month);
    }

    @Test
    void theAdministratorsOwnRequestsMakeThemAnActiveUser() throws InterruptedException {
        asAdmin(base).get("api/v1/admin/stats").then().statusCode(200);
        // request counts reach user_activity write-behind, within about two seconds
        Instant deadline = Instant.now().plusSeconds(60);
        long active = 0;
        while (active < 1 && Instant.now().isBefore(deadline)) {
            Thread.sleep(1000);
            asAdmin(base).delete("api/v1/admin/cache/admin-stats").then().statusCode(204);
            active = asAdmin(base).get("api/v1/admin/stats").then().statusCode(200).extract().jsonPath()
                    .getLong("activeUsers.last24Hours");
        }
        assertTrue(active >= 1, "active users in the last 24 h: " + active);
    }
}
