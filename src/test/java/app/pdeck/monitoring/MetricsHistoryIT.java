package app.pdeck.monitoring;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.pdeck.jobs.AdminApi;
import app.pdeck.testsupport.Deployments;
import java.net.URL;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class MetricsHistoryIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aSnapshotRecordsCollectionCountsAndIsReadBackAsAMetric() {
        Instant from = Instant.now().minusSeconds(1);
        assertEquals("SUCCEEDED", AdminApi.runJob(base, "metrics").getString("status"));
        List<Object> values = asAdmin(base).queryParam("from", from.toString())
                .queryParam("to", Instant.now().plusSeconds(1).toString())
                .queryParam("metric", "collections.job_runs.count")
                .get("api/v1/admin/metrics/history").then().statusCode(200)
                .body("metric", equalTo("collections.job_runs.count"))
                .extract().jsonPath().getList("points.value");
        assertFalse(values.isEmpty());
        asAdmin(base).queryParam("from", from.toString()).get("api/v1/admin/metrics/history").then()
                .statusCode(200)
                .body("snapshots[0].database.objects", notNullValue())
                .body("snapshots[0].jobs.keySet()", hasItem("metrics"))
                .body("snapshots[0].backup.count", notNullValue())
                .body("snapshots[0].cache.hits", notNullValue());
    }

    @Test
    void badInstantsAndMetricsAreProblem400s() {
        asAdmin(base).queryParam("from", "yesterday").get("api/v1/admin/metrics/history").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("from"));
        asAdmin(base).queryParam("to", "2026-13-01T00:00:00Z").get("api/v1/admin/metrics/history").then()
                .statusCode(400).body("errors[0].field", equalTo("to"));
        Instant now = Instant.now();
        asAdmin(base).queryParam("from", now.toString()).queryParam("to", now.minus(1, ChronoUnit.HOURS).toString())
                .get("api/v1/admin/metrics/history").then().statusCode(400);
        asAdmin(base).queryParam("metric", "collections..count").get("api/v1/admin/metrics/history").then()
                .statusCode(400).body("errors[0].field", equalTo("metric"));
    }
}
