package app.pdeck.task;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Accounts.Account;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class TaskIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification as(Account account) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", account.bearer());
    }

    private String create(Account account, Map<String, Object> task) {
        return as(account).body(task).post("tasks").then().statusCode(201).extract().path("id");
    }

    private long storedTasksOf(Account account) {
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            return client.getDatabase("pdeck_it").getCollection("tasks").countDocuments(Filters.eq("userId", account.id()));
        }
    }

    @Test
    void createdTaskHasDefaultsLocationAndETagAndDeduplicatedTags() {
        Account owner = Accounts.newUser(base);
        Response created = as(owner).body(Map.of("title", "Write report", "tags", List.of("work", "work", " urgent ")))
                .post("tasks");
        created.then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", startsWith(base + "api/v1/tasks/"))
                .body("status", equalTo("TODO"))
                .body("priority", equalTo(0))
                .body("tags", contains("work", "urgent"))
                .body("version", equalTo(1));
        as(owner).get(created.header("Location").substring(base.toString().length() + "api/v1/".length())).then()
                .statusCode(200).header("ETag", "\"1\"").body("title", equalTo("Write report"));
    }

    @Test
    void listIsSortedByPriorityDescendingAndFiltersAndPages() {
        Account owner = Accounts.newUser(base);
        create(owner, Map.of("title", "low", "priority", 1, "tags", List.of("home")));
        create(owner, Map.of("title", "high", "priority", 9, "status", "DONE"));
        create(owner, Map.of("title", "mid report", "priority", 5, "dueDate", "2026-12-24T10:00:00Z"));
        as(owner).get("tasks").then().statusCode(200)
                .body("items.title", contains("high", "mid report", "low"))
                .body("total", equalTo(3)).body("page", equalTo(1)).body("size", equalTo(50));
        as(owner).get("tasks?status=DONE").then().body("items.title", contains("high"));
        as(owner).get("tasks?tag=home").then().body("items.title", contains("low"));
        as(owner).get("tasks?q=REPORT").then().body("items.title", contains("mid report"));
        as(owner).get("tasks?dueBefore=2027-01-01T00:00:00Z").then().body("items.title", contains("mid report"));
        as(owner).get("tasks?sort=priority&size=2&page=2").then()
                .body("items.title", contains("high")).body("total", equalTo(3));
    }

    @Test
    void anotherUsersTaskIsNotFoundAndCannotBeChanged() {
        Account owner = Accounts.newUser(base);
        Account other = Accounts.newUser(base);
        String id = create(owner, Map.of("title", "private"));
        as(other).get("tasks/" + id).then().statusCode(404).contentType("application/problem+json");
        as(other).body(Map.of("title", "hijacked")).patch("tasks/" + id).then().statusCode(404);
        as(other).body(Map.of("title", "hijacked")).put("tasks/" + id).then().statusCode(404);
        as(other).delete("tasks/" + id).then().statusCode(404);
        as(other).get("tasks").then().body("items", hasSize(0));
        as(owner).get("tasks/" + id).then().statusCode(200).body("title", equalTo("private"));
    }

    @Test
    void mergePatchChangesOnlyGivenFieldsAndNullClearsOptionalOnes() {
        Account owner = Accounts.newUser(base);
        String id = create(owner, Map.of("title", "t", "description", "d", "priority", 2));
        as(owner).contentType("application/merge-patch+json").body("{\"status\":\"DONE\",\"description\":null}")
                .patch("tasks/" + id).then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("status", equalTo("DONE"))
                .body("description", nullValue())
                .body("priority", equalTo(2))
                .body("completedAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void staleIfMatchIsPreconditionFailed() {
        Account owner = Accounts.newUser(base);
        String id = create(owner, Map.of("title", "v1"));
        as(owner).header("If-Match", "\"1\"").body(Map.of("title", "v2")).patch("tasks/" + id).then().statusCode(200);
        as(owner).header("If-Match", "\"1\"").body(Map.of("title", "stale")).patch("tasks/" + id).then()
                .statusCode(412).contentType("application/problem+json");
        as(owner).header("If-Match", "\"1\"").body(Map.of("title", "stale")).put("tasks/" + id).then().statusCode(412);
        as(owner).get("tasks/" + id).then().body("title", equalTo("v2"));
    }

    @Test
    void sixteenConcurrentPatchesWithTheSameETagExactlyOneWins() throws Exception {
        Account owner = Accounts.newUser(base);
        String id = create(owner, Map.of("title", "contended"));
        int writers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> outcomes = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String title = "writer-" + i;
            outcomes.add(pool.submit(() -> {
                start.await();
                return as(owner).header("If-Match", "\"1\"").body(Map.of("title", title))
                        .patch("tasks/" + id).statusCode();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> outcome : outcomes) {
            statuses.add(outcome.get());
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "statuses " + statuses);
        assertEquals(writers - 1, statuses.stream().filter(s -> s == 412).count(), "statuses " + statuses);
        int winner = IntStream.range(0, writers).filter(i -> statuses.get(i) == 200).findFirst().orElseThrow();
        as(owner).get("tasks/" + id).then().body("title", equalTo("writer-" + winner)).body("version", equalTo(2));
    }

    @Test
    void bulkCreatesUpTo500AndRejectsMore() {
        Account owner = Accounts.newUser(base);
        List<Map<String, Object>> tasks = IntStream.range(0, 500).mapToObj(i -> Map.<String, Object>of("title", "t" + i))
                .toList();
        as(owner).body(Map.of("tasks", tasks)).post("tasks/bulk").then().statusCode(201).body("created", equalTo(500));
        List<Map<String, Object>> tooMany = IntStream.range(0, 501).mapToObj(i -> Map.<String, Object>of("title", "x"))
                .toList();
        as(owner).body(Map.of("tasks", tooMany)).post("tasks/bulk").then().statusCode(400);
        assertEquals(500, storedTasksOf(owner));
    }

    @Test
    void hostileInputIsRejectedAndNothingIsStored() {
        Account owner = Accounts.newUser(base);
        as(owner).body("{\"title\": {\"$gt\": \"\"}}").post("tasks").then().statusCode(400)
                .contentType("application/problem+json");
        as(owner).body("{\"title\": \"x\", \"userId\": \"someone-else\"}").post("tasks").then().statusCode(400);
        as(owner).body("{\"title\": \"x\", \"priority\": \"high\"}").post("tasks").then().statusCode(400);
        as(owner).body("{\"title\": ").post("tasks").then().statusCode(400);
        as(owner).body("{\"title\": \"\"}").post("tasks").then().statusCode(400)
                .body("errors.field", hasItem("title"));
        as(owner).body(Map.of("title", "x".repeat(201))).post("tasks").then().statusCode(400);
        as(owner).body(Map.of("title", "x", "tags", IntStream.range(0, 21).mapToObj(i -> "t" + i).toList()))
                .post("tasks").then().statusCode(400).body("errors.field", hasItem("tags"));
        as(owner).body(Map.of("title", "x", "projectId", "not-mine")).post("tasks").then().statusCode(400)
                .body("errors.field", hasItem("projectId"));
        as(owner).body(Map.of("title", "x".repeat(1_100_000))).post("tasks").then().statusCode(413);
        as(owner).get("tasks/" + java.net.URLEncoder.encode("{\"$ne\":null}", java.nio.charset.StandardCharsets.UTF_8)).then().statusCode(404);
        as(owner).get("tasks?status=SOMETIMES").then().statusCode(400).body("errors.field", hasItem("status"));
        as(owner).get("tasks?size=500").then().statusCode(400);
        as(owner).get("tasks?dueBefore=yesterday").then().statusCode(400);
        as(owner).get("tasks?q=.*").then().statusCode(200).body("items", hasSize(0));
        String body = as(owner).body("{\"title\": ").post("tasks").then().extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(body.contains("at org.") || body.contains("Exception"), body);
        assertEquals(0, storedTasksOf(owner));
    }

    @Test
    void deleteRemovesTheTask() {
        Account owner = Accounts.newUser(base);
        String id = create(owner, Map.of("title", "gone"));
        as(owner).delete("tasks/" + id).then().statusCode(204);
        as(owner).get("tasks/" + id).then().statusCode(404);
        as(owner).delete("tasks/" + id).then().statusCode(404);
    }
}
