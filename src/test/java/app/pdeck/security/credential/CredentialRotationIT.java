package app.pdeck.security.credential;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Accounts.Account;
import app.pdeck.testsupport.ApiTraffic;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class CredentialRotationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private void listTasks(Account user) {
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/tasks")
                .then().statusCode(200);
    }

    private Response rotate(String name) {
        return given().baseUri(base.toString()).header("Authorization", "Bearer " + Accounts.adminToken(base))
                .post("api/v1/admin/credentials/" + name + "/rotate");
    }

    @Test
    void redisRotationUnderLoadFailsNoRequestAndTheOldPasswordIsRefusedAfterwards() throws Exception {
        Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "survives rotation", "priority", 2)).post("api/v1/tasks")
                .then().statusCode(201);
        Backends.KnownUser old = Backends.installKnownRedisUser(() -> listTasks(user));
        assertEquals("PONG", Backends.pingAs(old.name(), old.password()).strip());

        Response report;
        ApiTraffic traffic = new ApiTraffic(management, URI.create(base + "api/v1/tasks"), user.bearer(), 4, false);
        try (traffic) {
            report = rotate("redis");
        }
        report.then().statusCode(200)
                .body("credential", equalTo("redis"))
                .body("previousUser", equalTo(old.name()))
                .body("currentUser", startsWith("pdeck-app-"))
                .body("previousRevoked", equalTo(true))
                .body("steps", hasItem(startsWith("deleted ACL user " + old.name())));
        System.out.println("Redis rotation under load: " + traffic.requests() + " requests, "
                + traffic.failures().size() + " failed");
        assertTrue(traffic.requests() > 20, "traffic ran: " + traffic.requests() + " requests");
        assertEquals(java.util.List.of(), traffic.failures(), "failed requests during the rotation");

        String newUser = report.path("currentUser");
        assertTrue(Backends.pingAs(old.name(), old.password()).contains("WRONGPASS"), "old password refused");
        listTasks(user);
        String clients = Backends.redisCli("CLIENT", "LIST");
        assertTrue(clients.contains("user=" + newUser + " "), "the service signs in as " + newUser);
        assertFalse(clients.contains("user=" + old.name() + " "), "no connection of the old user is left");
        assertFalse(report.asString().contains(old.password()));
    }

    /**
     * A new Redis client connects on its first command, and for a batch Redisson throws that connection's failure
     * at once instead of failing the batch's future. The request gate batches its script with the page a read will
     * look up, so such a read must still be answered, from MongoDB, like any read while Redis is unreachable.
     */
    @Test
    void aReadRightAfterTheServiceSwitchedToARedisPasswordRedisRefusesIsStillAnswered() {
        Account user = Accounts.newUser(base);
        Backends.KnownUser known = Backends.installKnownRedisUser(() -> listTasks(user));
        listTasks(user); // looked up in Redis: the next read of this route batches the page with the gate's script
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "moves the versions on", "priority", 1)).post("api/v1/tasks")
                .then().statusCode(201);
        Backends.storeSecret("redis.password", "not-" + known.password());
        try {
            Backends.sleep(3000); // the store is looked at again at most every 500 ms; then the client is replaced
            listTasks(user);
            listTasks(user);
        } finally {
            Backends.installKnownRedisUser(() -> given().baseUri(base.toString())
                    .header("Authorization", user.bearer()).get("api/v1/tasks"));
        }
        listTasks(user);
    }

    @Test
    void mongoRotationOnAServerWithoutAuthenticationSwapsTheClientWithoutFailingARequest() throws Exception {
        Account user = Accounts.newUser(base);
        Response report;
        ApiTraffic traffic = new ApiTraffic(management, URI.create(base + "api/v1/tasks"), user.bearer(), 4, false);
        try (traffic) {
            report = rotate("mongo");
        }
        report.then().statusCode(200)
                .body("credential", equalTo("mongo"))
                .body("currentUser", nullValue())
                .body("previousRevoked", equalTo(false))
                .body("steps", hasItems(equalTo("no MongoDB user created: the server runs without authentication"),
                        equalTo("switched the application to a new MongoDB client")));
        System.out.println("MongoDB client swap under load: " + traffic.requests() + " requests, "
                + traffic.failures().size() + " failed");
        assertTrue(traffic.requests() > 20, "traffic ran: " + traffic.requests() + " requests");
        assertEquals(java.util.List.of(), traffic.failures(), "failed requests during the client swap");
        given().baseUri(base.toString()).header("Authorization", user.bearer()).contentType(ContentType.JSON)
                .body(Map.of("title", "written on the new client", "priority", 1)).post("api/v1/tasks")
                .then().statusCode(201);
    }

    @Test
    void theStoreListsNamesButNeverValues() {
        Backends.storeSecret("pdeck.it.listed-secret", "listed-secret-value-42");
        // The server looks at the file again at most every 500 ms (SecretStore): a change made outside it shows
        // within that, not necessarily on the very next request.
        String admin = "Bearer " + Accounts.adminToken(base);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && !given().baseUri(base.toString()).header("Authorization", admin)
                .get("api/v1/admin/credentials").jsonPath().getList("aliases").contains("pdeck.it.listed-secret")) {
            Backends.sleep(100);
        }
        given().baseUri(base.toString()).header("Authorization", admin)
                .get("api/v1/admin/credentials")
                .then().statusCode(200)
                .body("configured", equalTo(true))
                .body("aliases", hasItem("pdeck.it.listed-secret"))
                .body(not(containsString("listed-secret-value-42")));
        assertTrue(Backends.storeAliases().contains("pdeck.it.listed-secret"));
        assertFalse(Backends.storeAliases().contains("listed-secret-value-42"));
    }

    @Test
    void unknownCredentialIsNotFoundAndUsersMayNotRotate() {
        rotate("postgres").then().statusCode(404).contentType("application/problem+json");
        Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer())
                .post("api/v1/admin/credentials/redis/rotate").then().statusCode(403);
    }
}
