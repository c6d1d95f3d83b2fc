package app.pdeck.jobs;

import static io.restassured.RestAssured.given;

import app.pdeck.testsupport.Accounts;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;

/** REST calls of the jobs' integration tests, made as the ITs' administrator. */
public final class AdminApi {

    private AdminApi() {
    }

    /**
     * A request signed in as the administrator. Signs in each time: every deployment of the test run has its own
     * signing key, so a token of an earlier test class would be refused.
     */
    public static RequestSpecification asAdmin(URL base) {
        return withToken(base, Accounts.adminToken(base));
    }

    private static RequestSpecification withToken(URL base, String token) {
        return given().baseUri(base.toString()).header("Authorization", "Bearer " + token);
    }

    /** Waits until the run has ended and returns it. */
    public static JsonPath awaitRun(URL base, String runId) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        String token = Accounts.adminToken(base);
        while (Instant.now().isBefore(deadline)) {
            JsonPath run = withToken(base, token).get("api/v1/admin/jobs/runs/" + runId).then().statusCode(200)
                    .extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status"))) {
                return run;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("run " + runId + " did not end within 90 s");
    }

    /** Starts a job through the admin API and waits for its end. */
    public static JsonPath runJob(URL base, String job) {
        String runId = asAdmin(base).post("api/v1/admin/jobs/" + job + "/run").then().statusCode(202)
                .extract().path("runId");
        return awaitRun(base, runId);
    }
}
