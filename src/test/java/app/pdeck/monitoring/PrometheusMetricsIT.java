package app.pdeck.monitoring;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.jobs.AdminApi;
import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class PrometheusMetricsIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theManagementInterfaceServesPrometheusTextWithoutALogin() {
        given().baseUri(base.toString()).get("api/v1/info").then().statusCode(200);
        String text = given().get(PrometheusScrape.url()).then().statusCode(200).extract().asString();
        assertTrue(text.contains("pdeck_http_requests_seconds_count{"), "request timer is exported");
        // not on the application's public port
        given().baseUri(base.toString()).get("metrics").then().statusCode(404);
    }

    @Test
    void requestCountsMovePerEndpointTemplateAndStatus() {
        Map<String, String> info = Map.of("uri", "/api/v1/info", "method", "GET", "status", "200");
        double before = PrometheusScrape.now().sum("pdeck_http_requests_seconds_count", info);
        for (int i = 0; i < 3; i++) {
            given().baseUri(base.toString()).get("api/v1/info").then().statusCode(200);
        }
        Accounts.Account user = Accounts.newUser(base);
        String id = given().baseUri(base.toString()).header("Authorization", user.bearer())
                .contentType(ContentType.JSON).body(Map.of("title", "metered"))
                .post("api/v1/tasks").then().statusCode(201).extract().path("id");
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/" + id)
                .then().statusCode(200);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/no-such-task")
                .then().statusCode(404);
        given().baseUri(base.toString()).get("api/v1/no/such/endpoint").then().statusCode(404);

        PrometheusScrape after = PrometheusScrape.now();
        assertEquals(before + 3, after.sum("pdeck_http_requests_seconds_count", info));
        assertTrue(after.sum("pdeck_http_requests_seconds_count",
                Map.of("uri", "/api/v1/tasks/{id}", "method", "GET", "status", "200")) >= 1);
        assertTrue(after.sum("pdeck_http_requests_seconds_count",
                Map.of("uri", "/api/v1/tasks/{id}", "status", "404", "outcome", "CLIENT_ERROR")) >= 1);
        assertTrue(after.sum("pdeck_http_requests_seconds_count", Map.of("uri", "UNMATCHED", "status", "404")) >= 1);
        assertFalse(after.find("pdeck_http_requests_seconds_count", Map.of()).stream()
                .anyMatch(s -> s.labels().get("uri").contains(id)), "concrete ids never become label values");
        assertTrue(after.sum("pdeck_http_requests_seconds_sum", info) > 0, "latency is recorded");
    }

    @Test
    void mongoCommandLatencyAndPoolGaugesAreExported() {
        Map<String, String> inserts = Map.of("command", "insert", "status", "success");
        double before = PrometheusScrape.now().sum("pdeck_mongodb_commands_seconds_count", inserts);
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "one more insert")).post("api/v1/tasks").then().statusCode(201);
        PrometheusScrape after = PrometheusScrape.now();
        assertTrue(after.sum("pdeck_mongodb_commands_seconds_count", inserts) >= before + 2, "user and task inserts");
        assertTrue(after.sum("pdeck_mongodb_commands_seconds_sum", inserts) > 0);
        assertTrue(after.sum("pdeck_mongodb_pool_size", Map.of()) >= 1);
        assertTrue(after.has("pdeck_mongodb_pool_inuse"));
        assertTrue(after.has("pdeck_mongodb_pool_waitqueue"));
    }

    @Test
    void cacheLookupsAreCountedPerCache() {
        Accounts.Account user = Accounts.newUser(base);
        String id = given().baseUri(base.toString()).header("Authorization", user.bearer())
                .contentType(ContentType.JSON).body(Map.of("title", "cached"))
                .post("api/v1/tasks").then().statusCode(201).extract().path("id");
        Map<String, String> hits = Map.of("cache", "tasks", "result", "hit");
        double before = PrometheusScrape.now().sum("pdeck_cache_gets_total", hits);
        for (int i = 0; i < 3; i++) {
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks/" + id)
                    .then().statusCode(200);
        }
        PrometheusScrape after = PrometheusScrape.now();
        assertTrue(after.sum("pdeck_cache_gets_total", hits) >= before + 2, "second and third reads hit");
        assertTrue(after.has("pdeck_cache_errors_total"));
    }

    @Test
    void jobRunsAndBackupSizeAreExported() {
        AdminApi.runJob(base, "metrics");
        AdminApi.runJob(base, "backup");
        PrometheusScrape scrape = PrometheusScrape.now();
        // any status: a scheduled run may have met ours on the job's lock (SKIPPED_LOCKED)
        assertTrue(scrape.sum("pdeck_jobs_runs_seconds_count", Map.of("job", "metrics")) >= 1);
        assertTrue(scrape.sum("pdeck_jobs_runs_seconds_count", Map.of("job", "backup", "status", "SUCCEEDED")) >= 1);
        assertTrue(scrape.sum("pdeck_jobs_last_success_seconds", Map.of("job", "backup"))
                >= Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond());
        assertTrue(scrape.has("pdeck_jobs_last_duration_seconds"));
        assertTrue(scrape.has("pdeck_jobs_failures_total"));
        // The backup gauges re-read the directory at most every 10 s: wait for the one just taken, since older
        // backups (other test classes', the ones taken before migrations) already give a size.
        long recent = Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond();
        awaitTrue(() -> PrometheusScrape.now().sum("pdeck_backup_last_timestamp_seconds", Map.of()) >= recent,
                "pdeck_backup_last_timestamp_seconds within the last 5 minutes");
        PrometheusScrape later = PrometheusScrape.now();
        assertTrue(later.sum("pdeck_backup_count", Map.of()) >= 1);
        assertTrue(later.sum("pdeck_backup_last_size_bytes", Map.of()) > 0);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within 60 s");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
