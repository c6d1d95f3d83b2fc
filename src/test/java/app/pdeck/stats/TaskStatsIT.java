package app.pdeck.stats;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
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
class TaskStatsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void statisticsMatchTheCallersTasks() {
        Accounts.Account user = Accounts.newUser(base);
        Instant now = Instant.now();
        create(user, Map.of("title", "late", "tags", List.of("work", "urgent"),
                "dueDate", now.minus(Duration.ofDays(2)).toString()));
        create(user, Map.of("title", "busy", "status", "IN_PROGRESS", "tags", List.of("work")));
        create(user, Map.of("title", "done now", "status", "DONE", "tags", List.of("home")));
        // a task finished 20 days ago, 48 hours after it was created, written the way the service stores tasks
        Instant completed = now.minus(Duration.ofDays(20));
        insertDone(user.id(), completed.minus(Duration.ofHours(48)), completed, List.of("work"));
        // someone else's task is never counted
        Accounts.Account other = Accounts.newUser(base);
        create(other, Map.of("title", "not mine", "tags", List.of("work"), "dueDate", "2020-01-01T00:00:00Z"));

        JsonPath stats = as(user).get("api/v1/stats/tasks").then().statusCode(200).extract().jsonPath();

        assertEquals(4, stats.getLong("total"));
        assertEquals(Map.of("TODO", 1, "IN_PROGRESS", 1, "DONE", 2), stats.getMap("byStatus"));
        assertEquals(1, stats.getLong("overdue"));
        List<Map<String, Object>> weeks = stats.getList("completedPerWeek");
        assertEquals(12, weeks.size());
        assertEquals(monday(now).toString(), weeks.get(11).get("weekStart"));
        assertEquals(1, ((Number) weeks.get(11).get("completed")).intValue());
        String weekOfOldOne = monday(completed).toString();
        assertEquals(1, weeks.stream().filter(w -> w.get("weekStart").equals(weekOfOldOne))
                .mapToInt(w -> ((Number) w.get("completed")).intValue()).sum());
        // (48 h + about 0 h) / 2
        assertEquals(24.0, stats.getDouble("averageHoursToDone"), 0.1);
        assertEquals(List.of(Map.of("tag", "work", "tasks", 3), Map.of("tag", "home", "tasks", 1),
                Map.of("tag", "urgent", "tasks", 1)), stats.getList("topTags"));
        assertNotNull(stats.getString("computedAt"));
    }

    @Test
    void resultsAreCachedUntilTheUsersTasksChange() {
        Accounts.Account user = Accounts.newUser(base);
        create(user, Map.of("title", "first"));
        assertEquals(1, as(user).get("api/v1/stats/tasks").then().statusCode(200).extract().jsonPath()
                .getLong("total"));
        // written behind the service's back: the cached answer stands
        insertDone(user.id(), Instant.now().minus(Duration.ofHours(1)), Instant.now(), List.of());
        assertEquals(1, as(user).get("api/v1/stats/tasks").then().statusCode(200).extract().jsonPath()
                .getLong("total"));
        // a write through the API drops the user's cached statistics
        create(user, Map.of("title", "second"));
        assertEquals(3, as(user).get("api/v1/stats/tasks").then().statusCode(200).extract().jsonPath()
                .getLong("total"));
    }

    @Test
    void statisticsNeedASignedInUser() {
        given().baseUri(base.toString()).get("api/v1/stats/tasks").then().statusCode(401);
    }

    private static LocalDate monday(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private RequestSpecification as(Accounts.Account account) {
        return given().baseUri(base.toString()).header("Authorization", account.bearer());
    }

    private void create(Accounts.Account account, Map<String, Object> task) {
        as(account).contentType(ContentType.JSON).body(task).post("api/v1/tasks").then().statusCode(201);
    }

    private static void insertDone(String userId, Instant createdAt, Instant completedAt, List<String> tags) {
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            client.getDatabase("pdeck_it").getCollection("tasks").insertOne(
                    new Document("_id", UUID.randomUUID().toString()).append("userId", userId)
                            .append("projectId", null).append("title", "finished earlier").append("priority", 0)
                            .append("dueDate", null).append("status", "DONE").append("tags", tags)
                            .append("createdAt", Date.from(createdAt)).append("updatedAt", Date.from(completedAt))
                            .append("completedAt", Date.from(completedAt)).append("version", 1L));
        }
    }
}
