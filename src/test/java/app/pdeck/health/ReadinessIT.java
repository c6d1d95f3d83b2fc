package app.pdeck.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ReadinessIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    /** Also warms up the HTTP client, so the timed requests below measure the server, not client start-up. */
    @BeforeAll
    static void serverIsReadyBeforeEachScenario() throws InterruptedException {
        awaitReady(Duration.ofSeconds(30));
    }

    private static String health(String kind) {
        return "http://127.0.0.1:" + System.getProperty("it.management.port") + "/health/" + kind;
    }

    @Test
    void readinessIsUpWithBothBackendsNamed() {
        given().get(health("ready")).then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("mongodb"))
                .body("checks.name", hasItem("redis"));
    }

    @Test
    void livenessAndStartupAreUp() {
        given().get(health("live")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(health("started")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessTurnsDownQuicklyNamingRedisWhileRedisIsStoppedAndRecoversByItself() throws Exception {
        TestBackends backends = TestBackends.get();
        backends.redis().kill();
        try {
            Instant asked = Instant.now();
            Response down = given().get(health("ready"));
            Duration took = Duration.between(asked, Instant.now());
            down.then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.data.error", not(emptyOrNullString()))
                    .body("checks.find { it.name == 'mongodb' }.status", equalTo("UP"));
            assertTrue(took.toMillis() < 3000, "readiness answered in " + took.toMillis() + " ms, limit is 3000");
        } finally {
            backends.redis().start();
        }
        awaitReady(Duration.ofSeconds(30));
    }

    @Test
    void readinessTurnsDownNamingMongoWhileMongoIsStoppedAndRecoversByItself() throws Exception {
        TestBackends backends = TestBackends.get();
        backends.mongo().stop();
        try {
            Instant asked = Instant.now();
            Response down = given().get(health("ready"));
            Duration took = Duration.between(asked, Instant.now());
            down.then().statusCode(503)
                    .body("checks.find { it.name == 'mongodb' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'redis' }.status", equalTo("UP"));
            assertTrue(took.toMillis() < 3000, "readiness answered in " + took.toMillis() + " ms, limit is 3000");
        } finally {
            backends.mongo().start();
        }
        awaitReady(Duration.ofSeconds(30));
    }

    private static void awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int status = 0;
        while (Instant.now().isBefore(deadline)) {
            status = given().get(health("ready")).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness did not return to UP within " + timeout + " (last status " + status + ")");
    }
}
