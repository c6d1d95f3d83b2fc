package app.pdeck.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ProfileIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification as(Accounts.Account account) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", account.bearer());
    }

    @Test
    void patchChangesNameAndPreferencesOnly() {
        Accounts.Account account = Accounts.newUser(base);
        as(account).body(Map.of("name", "Grace", "preferences", Map.of("theme", "dark")))
                .patch("users/me").then().statusCode(200)
                .body("name", equalTo("Grace"))
                .body("preferences.theme", equalTo("dark"))
                .body("preferences.notifications", equalTo(true));
    }

    @Test
    void passwordChangeNeedsTheCurrentPassword() {
        Accounts.Account account = Accounts.newUser(base);
        as(account).body(Map.of("password", "brand-new-password", "currentPassword", "not-the-password"))
                .patch("users/me").then().statusCode(400).body("errors[0].field", equalTo("currentPassword"));
        as(account).body(Map.of("password", "brand-new-password", "currentPassword", Accounts.PASSWORD))
                .patch("users/me").then().statusCode(200);
        Accounts.login(base, account.email(), "brand-new-password");
    }

    @Test
    void wrongCurrentPasswordsLockTheAccountLikeWrongSignIns() {
        Accounts.Account account = Accounts.newUser(base);
        for (int i = 0; i < 5; i++) {
            as(account).body(Map.of("password", "brand-new-password", "currentPassword", "guess-" + i))
                    .patch("users/me").then().statusCode(400);
        }
        as(account).body(Map.of("password", "brand-new-password", "currentPassword", "guess-5"))
                .patch("users/me").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        as(account).body(Map.of("password", "brand-new-password", "currentPassword", Accounts.PASSWORD))
                .patch("users/me").then().statusCode(429);
    }

    @Test
    void theProfileCarriesItsVersionAndChangesAreConditionalOnIt() {
        Accounts.Account account = Accounts.newUser(base);
        String seen = as(account).get("users/me").then().statusCode(200).extract().header("ETag");
        Assertions.assertEquals("\"0\"", seen);
        as(account).header("If-None-Match", seen).get("users/me").then().statusCode(304);

        // An administrator demotes the account in between: the client's change based on what it saw is refused.
        given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + Accounts.adminToken(base))
                .body(Map.of("role", "ADMIN")).patch("admin/users/" + account.id()).then().statusCode(200)
                .header("ETag", equalTo("\"1\""));
        // The role change also ended the sessions that carried the old role.
        as(account).header("If-Match", seen).body(Map.of("name", "Grace")).patch("users/me").then().statusCode(401);
        Accounts.Account signedInAgain = new Accounts.Account(account.id(), account.email(),
                Accounts.login(base, account.email(), Accounts.PASSWORD));
        as(signedInAgain).header("If-Match", seen).body(Map.of("name", "Grace")).patch("users/me").then()
                .statusCode(412).contentType("application/problem+json");
        as(signedInAgain).header("If-Match", "\"1\"").body(Map.of("name", "Grace")).patch("users/me").then()
                .statusCode(200).header("ETag", equalTo("\"2\"")).body("role", equalTo("ADMIN"))
                .body("name", equalTo("Grace"));
        as(signedInAgain).header("If-None-Match", seen).get("users/me").then().statusCode(200)
                .body("version", equalTo(2));
    }

    @Test
    void adminListPagingIsValidatedLikeEveryOtherList() {
        String bearer = "Bearer " + Accounts.adminToken(base);
        java.util.function.Supplier<RequestSpecification> admin = () -> given().baseUri(base.toString())
                .basePath("api/v1").header("Authorization", bearer);
        admin.get().get("admin/users?page=abc").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        admin.get().get("admin/users?page=2147483647").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"));
        admin.get().get("admin/users?size=0").then().statusCode(400).body("errors[0].field", equalTo("size"));
        admin.get().get("admin/users?page=2&size=1").then().statusCode(200).body("page", equalTo(2))
                .body("items.size()", equalTo(1));
    }

    @Test
    void unknownThemeIsRejected() {
        Accounts.Account account = Accounts.newUser(base);
        as(account).body(Map.of("preferences", Map.of("theme", "neon"))).patch("users/me").then()
                .statusCode(400).body("errors[0].field", equalTo("preferences.theme"));
    }

    @Test
    void deletingTheAccountRemovesEverythingItOwnsAndItsTokens() {
        Accounts.Account account = Accounts.newUser(base);
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase db = client.getDatabase("pdeck_it");
            db.getCollection("tasks").insertOne(new Document("_id", "t-" + account.id()).append("userId", account.id()));
            as(account).delete("users/me").then().statusCode(204);
            as(account).get("users/me").then().statusCode(401);
            Assertions.assertEquals(0, db.getCollection("tasks").countDocuments(Filters.eq("userId", account.id())));
            Assertions.assertEquals(0, db.getCollection("users").countDocuments(Filters.eq("_id", account.id())));
        }
        given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                .post("api/v1/auth/login").then().statusCode(401);
    }

    @Test
    void aDeletionInterruptedHalfWayIsFinishedByTheNextSweep() throws InterruptedException {
        Accounts.Account account = Accounts.newUser(base);
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase db = client.getDatabase("pdeck_it");
            // The state a crash right after marking leaves behind: marked account, data still there.
            db.getCollection("projects").insertOne(new Document("_id", "p-" + account.id()).append("userId", account.id()));
            db.getCollection("users").updateOne(Filters.eq("_id", account.id()),
                    Updates.set("deletedAt", Date.from(Instant.now())));
            given().baseUri(base.toString()).contentType(ContentType.JSON)
                    .body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                    .post("api/v1/auth/login").then().statusCode(401);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (db.getCollection("users").countDocuments(Filters.eq("_id", account.id())) > 0
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
            }
            Assertions.assertEquals(0, db.getCollection("users").countDocuments(Filters.eq("_id", account.id())));
            Assertions.assertEquals(0, db.getCollection("projects").countDocuments(Filters.eq("userId", account.id())));
        }
    }
}
