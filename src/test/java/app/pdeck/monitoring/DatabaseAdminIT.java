package app.pdeck.monitoring;

import static app.pdeck.jobs.AdminApi.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class DatabaseAdminIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void statusShowsTheConnectedServerItsTopologyAndThePool() {
        String mongoPort = TestBackends.get().mongoUri().replaceAll(".*:", "");
        asAdmin(base).get("api/v1/admin/db/status").then().statusCode(200)
                .body("connected", equalTo(true))
                .body("database", equalTo("pdeck_it"))
                .body("hosts", hasItem("127.0.0.1:" + mongoPort))
                .body("serverVersion", notNullValue())
                .body("topology.type", equalTo("STANDALONE"))
                .body("topology.servers[0].state", equalTo("CONNECTED"))
                .body("topology.servers[0].type", equalTo("STANDALONE"))
                .body("topology.servers[0].error", nullValue())
                .body("pool.size", greaterThanOrEqualTo(1))
                .body("pool.inUse", greaterThanOrEqualTo(0))
                .body("pool.idle", greaterThanOrEqualTo(0))
                .body("pool.maxSize", equalTo(50))
                .body("checkedAt", notNullValue());
    }

    @Test
    void collectionsListCountsSizesAndIndexesAndSayWhatTheServerDoesNotReport() {
        Accounts.newUser(base);
        long users;
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            users = client.getDatabase("pdeck_it").getCollection("users").countDocuments();
        }
        JsonPath report = asAdmin(base).get("api/v1/admin/db/collections").then().statusCode(200)
                .body("database", equalTo("pdeck_it"))
                .body("collections.name", hasItems("users", "tasks"))
                .body("collections.name", everyItem(not(startsWith("system."))))
                .body("collections.find { it.name == 'users' }.dataSize", greaterThan(0))
                .body("collections.find { it.name == 'users' }.avgObjSize", greaterThan(0))
                .body("collections.find { it.name == 'users' }.indexes.name", hasItems("_id_", "email_1"))
                .body("collections.find { it.name == 'users' }.indexes.find { it.name == 'email_1' }.unique",
                        equalTo(true))
                .body("collections.find { it.name == 'users' }.indexes.find { it.name == 'email_1' }.key.email",
                        equalTo(1))
                .body("totals.documents", greaterThan(0))
                .extract().jsonPath();
        assertEquals(users, report.getLong("collections.find { it.name == 'users' }.documents"));
        // the embedded server reports no storage or index sizes in bytes: null and a note, never a made-up number
        assertNull(report.get("collections.find { it.name == 'users' }.storageSize"));
        assertNull(report.get("collections.find { it.name == 'users' }.indexes[0].size"));
        assertEquals(List.of(DatabaseStatusService.EMBEDDED_SIZES_NOTE), report.getList("notes"));
    }

    @Test
    void onlyAdministratorsMaySeeTheMonitoringEndpoints() {
        Accounts.Account user = Accounts.newUser(base);
        for (String path : List.of("api/v1/admin/db/status", "api/v1/admin/db/collections", "api/v1/admin/dashboard",
                "api/v1/admin/stats")) {
            given().baseUri(base.toString()).get(path).then().statusCode(401);
            given().baseUri(base.toString()).header("Authorization", user.bearer()).get(path).then()
                    .statusCode(403).contentType("application/problem+json");
        }
    }
}
