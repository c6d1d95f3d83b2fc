package app.pdeck.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.RedisCli;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a token can do after its account changed: revocations that hold when Redis loses its data (restart empty,
 * failover to a replica without the write, eviction: here FLUSHALL), and account changes that end the tokens
 * issued before them.
 */
@ExtendWith(ArquillianExtension.class)
class TokenStateIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aLoggedOutTokenStaysRevokedWhenRedisLosesItsData() throws Exception {
        Accounts.Account account = Accounts.newUser(base);
        as(account.token()).post("auth/logout").then().statusCode(204);
        as(account.token()).get("tasks").then().statusCode(401);

        RedisCli.run("FLUSHALL");

        as(account.token()).get("tasks").then().statusCode(401);
        as(Accounts.login(base, account.email(), Accounts.PASSWORD)).get("tasks").then().statusCode(200);
    }

    @Test
    void aDeletedAccountsTokenCreatesNothingWhenRedisLosesItsData() throws Exception {
        Accounts.Account account = Accounts.newUser(base);
        as(account.token()).delete("users/me").then().statusCode(204);

        RedisCli.run("FLUSHALL");

        as(account.token()).body(Map.of("title", "written by a deleted account")).post("tasks").then().statusCode(401);
    }

    @Test
    void aDemotedAdminsTokenNoLongerActsAsAdmin() {
        Accounts.Account account = Accounts.newUser(base);
        String admin = Accounts.adminToken(base);
        as(admin).body(Map.of("role", "ADMIN")).patch("admin/users/" + account.id()).then().statusCode(200);
        String adminTokenOfTheUser = Accounts.login(base, account.email(), Accounts.PASSWORD);
        as(adminTokenOfTheUser).get("admin/users").then().statusCode(200);

        as(admin).body(Map.of("role", "USER")).patch("admin/users/" + account.id()).then().statusCode(200);

        as(adminTokenOfTheUser).get("admin/users").then().statusCode(401);
        as(adminTokenOfTheUser).body(Map.of("role", "ADMIN")).patch("admin/users/" + account.id()).then()
                .statusCode(401);
        as(Accounts.login(base, account.email(), Accounts.PASSWORD)).get("admin/users").then().statusCode(403);
    }

    @Test
    void aPasswordChangeEndsTheAccountsOtherSessions() {
        Accounts.Account account = Accounts.newUser(base);
        String otherSession = Accounts.login(base, account.email(), Accounts.PASSWORD);

        as(account.token()).body(Map.of("password", "a-brand-new-password", "currentPassword", Accounts.PASSWORD))
                .patch("users/me").then().statusCode(200);

        as(otherSession).get("users/me").then().statusCode(401);
        as(Accounts.login(base, account.email(), "a-brand-new-password")).get("users/me").then().statusCode(200);
    }

    @Test
    void anInterruptedDeletionEndsTheAccountsTokensAndActivityWhenTheSweepFinishesIt() throws Exception {
        Accounts.Account account = Accounts.newUser(base);
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase db = client.getDatabase("pdeck_it");
            db.getCollection("user_activity").insertOne(new Document("_id", account.id()).append("requests", 3L));
            // What a deletion that stopped right after marking the account leaves behind.
            db.getCollection("users").updateOne(Filters.eq("_id", account.id()), Updates.set("deletedAt", new Date()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (db.getCollection("users").countDocuments(Filters.eq("_id", account.id())) > 0) {
                assertTrue(System.nanoTime() < deadline, "the deletion sweep (every 2 s here) finished the account");
                Thread.sleep(200);
            }
            assertEquals(0, db.getCollection("user_activity").countDocuments(Filters.eq("_id", account.id())));
        }
        as(account.token()).body(Map.of("title", "written by a deleted account")).post("tasks").then().statusCode(401);
    }

    @Test
    void refusedTokensAnswerProblemsThatNameTheRequest() {
        given().baseUri(base.toString()).basePath("api/v1").get("tasks").then().statusCode(401)
                .contentType("application/problem+json").body("instance", org.hamcrest.Matchers.equalTo("/tasks"));
        as(Accounts.newUser(base).token()).get("admin/users").then().statusCode(403)
                .body("instance", org.hamcrest.Matchers.equalTo("/admin/users"));
    }

    private RequestSpecification as(String token) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token);
    }

}
