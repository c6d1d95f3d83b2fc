package app.pdeck.integration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Accounts.Account;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.Map;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class IntegrationIT {

    private static final String TOKEN = "ghp_integration-secret-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification as(Account account) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", account.bearer());
    }

    @Test
    void theAccessTokenIsEncryptedAtRestAndNeverReturned() {
        Account owner = Accounts.newUser(base);
        String body = as(owner).body(Map.of("type", "GITHUB", "displayName", "My GitHub", "accessToken", TOKEN,
                        "settings", Map.of("org", "pdeck")))
                .post("integrations").then().statusCode(201)
                .body("hasAccessToken", equalTo(true))
                .body("$", not(hasKey("accessToken")))
                .extract().asString();
        assertFalse(body.contains(TOKEN));
        String listed = as(owner).get("integrations").then().statusCode(200).body("items.size()", equalTo(1))
                .extract().asString();
        assertFalse(listed.contains(TOKEN));
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            Document stored = client.getDatabase("pdeck_it").getCollection("integrations")
                    .find(Filters.eq("userId", owner.id())).first();
            assertNotNull(stored);
            assertFalse(stored.toJson().contains(TOKEN), stored.toJson());
            Document token = stored.get("accessToken", Document.class);
            assertNotNull(token.getString("keyId"));
            assertNotNull(token.getString("ciphertext"));
        }
    }

    @Test
    void changesAreConditionalOnTheVersionTheClientSaw() {
        Account owner = Accounts.newUser(base);
        var created = as(owner).body(Map.of("type", "GITHUB", "displayName", "My GitHub", "accessToken", TOKEN))
                .post("integrations").then().statusCode(201).header("ETag", equalTo("\"0\"")).extract();
        String id = created.path("id");
        String seen = as(owner).get("integrations/" + id).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("private")).extract().header("ETag");
        as(owner).header("If-None-Match", seen).get("integrations/" + id).then().statusCode(304)
                .header("ETag", equalTo(seen));

        as(owner).header("If-Match", seen).body(Map.of("type", "GITHUB", "displayName", "Renamed"))
                .put("integrations/" + id).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("version", equalTo(1)).body("hasAccessToken", equalTo(true));
        as(owner).header("If-Match", seen).body(Map.of("type", "GITHUB", "displayName", "Lost update"))
                .put("integrations/" + id).then().statusCode(412).contentType("application/problem+json");
        as(owner).get("integrations/" + id).then().body("displayName", equalTo("Renamed"));
        as(owner).header("If-None-Match", seen).get("integrations/" + id).then().statusCode(200);
    }

    @Test
    void aReplaceWithoutANewTokenLeavesTheStoredTokenAlone() {
        Account owner = Accounts.newUser(base);
        String id = as(owner).body(Map.of("type", "GITHUB", "displayName", "My GitHub", "accessToken", TOKEN))
                .post("integrations").then().statusCode(201).extract().path("id");
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            var integrations = client.getDatabase("pdeck_it").getCollection("integrations");
            Document sealed = integrations.find(Filters.eq("_id", id)).first().get("accessToken", Document.class);
            as(owner).body(Map.of("type", "GITHUB", "displayName", "Renamed")).put("integrations/" + id).then()
                    .statusCode(200);
            Document after = integrations.find(Filters.eq("_id", id)).first();
            org.junit.jupiter.api.Assertions.assertEquals(sealed, after.get("accessToken", Document.class));
            org.junit.jupiter.api.Assertions.assertEquals("Renamed", after.getString("displayName"));
        }
        as(owner).delete("integrations/" + id).then().statusCode(204);
        as(owner).delete("integrations/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherUsersIntegrationIsNotFound() {
        Account owner = Accounts.newUser(base);
        Account other = Accounts.newUser(base);
        String id = as(owner).body(Map.of("type", "SLACK", "displayName", "Slack")).post("integrations").then()
                .statusCode(201).extract().path("id");
        as(other).get("integrations/" + id).then().statusCode(404);
        as(other).delete("integrations/" + id).then().statusCode(404);
        as(owner).delete("integrations/" + id).then().statusCode(204);
    }

    @Test
    void unknownTypeIsRejected() {
        Account owner = Accounts.newUser(base);
        as(owner).body(Map.of("type", "MYSPACE", "displayName", "x")).post("integrations").then().statusCode(400);
    }
}
