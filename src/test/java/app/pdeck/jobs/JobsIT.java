package app.pdeck.jobs;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static app.pdeck.jobs.AdminApi.awaitRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class JobsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void runNowAnswers202WithTheRunIdAndItsLocationAndTheRunIsRecorded() {
        Response accepted = asAdmin(base).post("api/v1/admin/jobs/metrics/run");
        accepted.then().statusCode(202).body("runId", notNullValue());
        String runId = accepted.path("runId");
        accepted.then().header("Location", endsWith("/api/v1/admin/jobs/runs/" + runId));

        JsonPath run = awaitRun(base, runId);
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("metrics", run.getString("job"));
        assertEquals("MANUAL", run.getString("trigger"));
        assertTrue(run.getString("node").length() > 0);
        assertTrue(Instant.parse(run.getString("endedAt")).compareTo(Instant.parse(run.getString("startedAt"))) >= 0);
    }

    @Test
    void anUnknownJobIsAProblem404() {
        asAdmin(base).post("api/v1/admin/jobs/no-such-job/run").then()
                .statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        asAdmin(base).post("api/v1/admin/jobs/restore/run").then()
                .statusCode(404).contentType("application/problem+json");
        asAdmin(base).get("api/v1/admin/jobs/runs/no-such-run").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void runsArePagedNewestFirstAndFilteredByJob() {
        for (int i = 0; i < 3; i++) {
            AdminApi.runJob(base, "metrics");
        }
        JsonPath page = asAdmin(base).queryParam("job", "metrics").queryParam("size", 2)
                .get("api/v1/admin/jobs").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items.job", everyItem(equalTo("metrics")))
                .body("total", greaterThanOrEqualTo(3))
                .body("page", equalTo(1)).body("size", equalTo(2))
                .extract().jsonPath();
        List<String> started = page.getList("items.startedAt");
        assertTrue(Instant.parse(started.get(0)).compareTo(Instant.parse(started.get(1))) >= 0, "newest first");
        asAdmin(base).queryParam("size", 0).get("api/v1/admin/jobs").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        asAdmin(base).queryParam("page", "two").get("api/v1/admin/jobs").then()
                .statusCode(400).body("errors[0].field", equalTo("page"));
    }

    @Test
    void jobEndpointsAreForAdministratorsOnly() {
        given().baseUri(base.toString()).post("api/v1/admin/jobs/backup/run").then()
                .statusCode(401).contentType("application/problem+json");
        Accounts.Account user = Accounts.newUser(base);
        for (String path : List.of("api/v1/admin/jobs", "api/v1/admin/backups", "api/v1/admin/metrics/history")) {
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get(path).then()
                    .statusCode(403).contentType("application/problem+json");
        }
        given().baseUri(base.toString()).header("Authorization", user.bearer())
                .post("api/v1/admin/backups/20261125T020000000Z/restore").then().statusCode(403);
    }

    @Test
    void theTimersFollowTheConfiguredSchedules() {
        JsonPath schedules = asAdmin(base).get("api/v1/admin/jobs/schedules").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Object> backup = schedules.getMap("find { it.job == 'backup' }");
        assertEquals("0 2 * * *", backup.get("schedule"));
        assertEquals(true, backup.get("enabled"));
        Instant next = Instant.parse((String) backup.get("nextRun"));
        assertTrue(next.toString().endsWith("T02:00:00Z"), "next backup at 02:00 UTC, got " + next);
        Map<String, Object> metrics = schedules.getMap("find { it.job == 'metrics' }");
        assertEquals("*/5 * * * *", metrics.get("schedule"));
        assertEquals(0, Instant.parse((String) metrics.get("nextRun")).atZone(java.time.ZoneOffset.UTC)
                .getMinute() % 5);
        assertEquals("0 3 * * *", schedules.getMap("find { it.job == 'archive' }").get("schedule"));
    }

    @Test
    void jobRunsExpireThroughATtlIndex() {
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            Document ttl = client.getDatabase("pdeck_it").getCollection("job_runs").listIndexes()
                    .into(new java.util.ArrayList<>()).stream()
                    .filter(i -> "startedAt_ttl".equals(i.getString("name"))).findFirst().orElseThrow();
            assertEquals(TimeUnit.DAYS.toSeconds(30), ttl.get("expireAfterSeconds", Number.class).longValue());
        }
    }
}
