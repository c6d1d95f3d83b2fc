package app.pdeck.cache;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.cache.probe.ProbeItem;
import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class CacheAdminIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar().addPackage(ProbeItem.class.getPackage());
    }

    @ArquillianResource
    URL base;

    @Test
    void statisticsListEachCacheWithItsHitsAndMisses() {
        String owner = "admin-it-" + UUID.randomUUID();
        probe().get(owner + "/items").then().statusCode(200);
        probe().get(owner + "/items").then().statusCode(200);
        admin().get("api/v1/admin/cache/stats").then()
                .statusCode(200)
                .body("enabled", equalTo(true))
                .body("redis", equalTo("CLOSED"))
                .body("caches.name", hasItem("probe-lists"))
                .body("caches.find { it.name == 'probe-lists' }.hits", greaterThanOrEqualTo(1))
                .body("caches.find { it.name == 'probe-lists' }.misses", greaterThanOrEqualTo(1))
                .body("caches.find { it.name == 'probe-lists' }.ttlSeconds", equalTo(60));
    }

    @Test
    void flushingACacheMakesTheNextReadLoadFromTheDatabase() {
        String owner = "admin-it-" + UUID.randomUUID();
        probe().get(owner + "/items").then().statusCode(200);
        probe().get(owner + "/items").then().statusCode(200);
        assertEquals(1, loads(owner));
        admin().delete("api/v1/admin/cache/probe-lists").then().statusCode(204);
        probe().get(owner + "/items").then().statusCode(200);
        assertEquals(2, loads(owner));
    }

    @Test
    void flushingAnUnknownCacheIsNotFound() {
        admin().delete("api/v1/admin/cache/no-such-cache").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void theEndpointsAreForAdminsOnly() {
        given().baseUri(base.toString()).get("api/v1/admin/cache/stats").then().statusCode(401);
        Accounts.Account user = Accounts.newUser(base);
        given().baseUri(base.toString()).header("Authorization", user.bearer()).get("api/v1/admin/cache/stats")
                .then().statusCode(403);
        given().baseUri(base.toString()).header("Authorization", user.bearer())
                .delete("api/v1/admin/cache/probe-lists").then().statusCode(403);
    }

    private RequestSpecification admin() {
        return given().baseUri(base.toString()).auth().oauth2(Accounts.adminToken(base));
    }

    private RequestSpecification probe() {
        return given().baseUri(base.toString()).basePath("api/v1/test/cache-probe/");
    }

    private int loads(String owner) {
        return probe().get(owner + "/loads").then().statusCode(200).extract().as(Integer.class);
    }
}
