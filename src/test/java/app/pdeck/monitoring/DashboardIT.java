package app.pdeck.monitoring;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.notNullValue;

import app.pdeck.jobs.AdminApi;
import app.pdeck.testsupport.Deployments;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class DashboardIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theDashboardDataHoldsHealthRequestsDatabaseCollectionsAndJobs() {
        AdminApi.runJob(base, "metrics");
        asAdmin(base).get("api/v1/admin/dashboard").then().statusCode(200)
                .body("node", notNullValue())
                .body("health.name", hasItems("mongodb", "redis"))
                .body("health.find { it.name == 'mongodb' }.status", equalTo("UP"))
                .body("http.requests", greaterThan(0))
                .body("http.endpoints.uri", hasItem("/api/v1/admin/jobs/runs/{runId}"))
                .body("mongo.connected", equalTo(true))
                .body("mongo.commands", greaterThan(0))
                .body("mongo.byCommand.name", hasItem("find"))
                .body("mongo.pool.size", greaterThan(0))
                .body("collections.name", hasItems("users", "job_runs"))
                // the newest run: ours, or a scheduled one that met ours on the job's lock
                .body("jobs.find { it.job == 'metrics' }.status", oneOf("SUCCEEDED", "SKIPPED_LOCKED"))
                .body("notes.size()", equalTo(0));
    }
}
