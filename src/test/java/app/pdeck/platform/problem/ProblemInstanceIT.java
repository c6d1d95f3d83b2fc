package app.pdeck.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server-side failures and unreadable bodies name the request in {@code instance}, like every other problem. */
@ExtendWith(ArquillianExtension.class)
class ProblemInstanceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar().addClass(FailingResource.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void anUnexpectedFailureIsA500NamingTheRequestAndAnIncidentOnly() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/it-failure").then()
                .statusCode(500)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("status", equalTo(500))
                .body("detail", startsWith("Unexpected error; incident "))
                .body("instance", equalTo(instanceOf(user, "it-failure")));
    }

    @Test
    void aDatabaseOutageIsA503NamingTheRequest() throws Exception {
        Accounts.Account user = Accounts.newUser(base);
        String task = "tasks/" + UUID.randomUUID();
        String expected = instanceOf(user, task);
        TestBackends backends = TestBackends.get();
        backends.mongo().stop();
        try {
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/" + task).then()
                    .statusCode(503)
                    .contentType(ProblemDetail.MEDIA_TYPE)
                    .header("Retry-After", "5")
                    .body("status", equalTo(503))
                    .body("instance", equalTo(expected));
        } finally {
            backends.mongo().start();
        }
        awaitReady();
    }

    @Test
    void aBodyAboveTheLimitIsA413NamingTheRequest() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType("application/json")
                .body("{\"title\": \"" + "x".repeat(1_100_000) + "\"}").post("api/v1/tasks").then()
                .statusCode(413)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("instance", equalTo(instanceOf(user, "tasks")));
    }

    @Test
    void aBodyThatIsNotJsonIsA400NamingTheRequest() {
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType("application/json")
                .body("{not json").post("api/v1/tasks").then()
                .statusCode(400)
                .contentType(ProblemDetail.MEDIA_TYPE)
                .body("instance", equalTo(instanceOf(user, "tasks")));
    }

    /** What {@code instance} says for a path: the same as a 404 of the API itself says for it. */
    private String instanceOf(Accounts.Account user, String path) {
        Response notFound = given().baseUri(base.toString()).header("Authorization", user.bearer())
                .get("api/v1/tasks/" + UUID.randomUUID());
        assertEquals(404, notFound.statusCode(), notFound.asString());
        String instance = notFound.jsonPath().getString("instance");
        return instance.substring(0, instance.indexOf("tasks/")) + path;
    }

    private static void awaitReady() throws InterruptedException {
        String ready = "http://127.0.0.1:" + System.getProperty("it.management.port") + "/health/ready";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline) && given().get(ready).statusCode() != 200) {
            Thread.sleep(500);
        }
    }
}
