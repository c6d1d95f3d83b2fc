package app.pdeck.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Sessions for apps: short access tokens, refresh tokens that rotate, reuse that ends the session. */
@ExtendWith(ArquillianExtension.class)
class SessionIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification api() {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON);
    }

    private JsonPath signIn(String email, String password, String device) {
        return api().header("User-Agent", device).body(Map.of("email", email, "password", password))
                .post("auth/login").then().statusCode(200)
                .body("token", notNullValue()).body("refreshToken", notNullValue())
                .body("refreshExpiresAt", notNullValue()).extract().jsonPath();
    }

    private JsonPath refresh(String refreshToken) {
        return api().body(Map.of("refreshToken", refreshToken)).post("auth/refresh").then().statusCode(200)
                .extract().jsonPath();
    }

    private void refused(String refreshToken) {
        api().body(Map.of("refreshToken", refreshToken)).post("auth/refresh").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private int statusWith(String accessToken) {
        return api().header("Authorization", "Bearer " + accessToken).get("users/me").statusCode();
    }

    @Test
    void aRefreshTokenGetsTheNextPairOnceAndItsReuseEndsTheSession() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath first = signIn(account.email(), Accounts.PASSWORD, "phone");
        JsonPath second = refresh(first.getString("refreshToken"));
        assertNotEquals(first.getString("refreshToken"), second.getString("refreshToken"));
        assertEquals(first.getString("sessionId"), second.getString("sessionId"));
        assertEquals(200, statusWith(second.getString("token")));
        JsonPath third = refresh(second.getString("refreshToken"));
        assertEquals(200, statusWith(third.getString("token")));

        // The first refresh token was used up: presenting it again means a copy exists, so the session ends.
        refused(first.getString("refreshToken"));
        refused(third.getString("refreshToken"));
        assertEquals(401, statusWith(third.getString("token")));
        assertEquals(401, statusWith(second.getString("token")));
        assertEquals(401, statusWith(first.getString("token")));
    }

    @Test
    void logoutEndsTheSessionButNotTheAccountsOtherSessions() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath phone = signIn(account.email(), Accounts.PASSWORD, "phone");
        JsonPath laptop = signIn(account.email(), Accounts.PASSWORD, "laptop");
        JsonPath phoneNext = refresh(phone.getString("refreshToken"));

        api().header("Authorization", "Bearer " + phoneNext.getString("token")).post("auth/logout").then()
                .statusCode(204);

        refused(phoneNext.getString("refreshToken"));
        assertEquals(401, statusWith(phone.getString("token")));
        assertEquals(200, statusWith(laptop.getString("token")));
        refresh(laptop.getString("refreshToken"));
    }

    @Test
    void aPasswordChangeEndsEverySessionOfTheAccount() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath phone = signIn(account.email(), Accounts.PASSWORD, "phone");
        JsonPath laptop = signIn(account.email(), Accounts.PASSWORD, "laptop");

        api().header("Authorization", "Bearer " + laptop.getString("token"))
                .body(Map.of("password", "a-brand-new-password", "currentPassword", Accounts.PASSWORD))
                .patch("users/me").then().statusCode(200);

        refused(phone.getString("refreshToken"));
        refused(laptop.getString("refreshToken"));
        assertEquals(401, statusWith(phone.getString("token")));
        signIn(account.email(), "a-brand-new-password", "phone");
    }

    @Test
    void anOwnerListsAndEndsTheirSessionsAndNoOneElses() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath phone = signIn(account.email(), Accounts.PASSWORD, "phone");
        JsonPath laptop = signIn(account.email(), Accounts.PASSWORD, "laptop");
        RequestSpecification asLaptop = api().header("Authorization", "Bearer " + laptop.getString("token"));

        JsonPath listed = asLaptop.get("users/me/sessions").then().statusCode(200).body("total", equalTo(3))
                .extract().jsonPath();
        List<Map<String, Object>> items = listed.getList("items");
        assertEquals(laptop.getString("sessionId"), items.stream().filter(s -> Boolean.TRUE.equals(s.get("current")))
                .findFirst().orElseThrow().get("id"));
        assertEquals("laptop", items.get(0).get("userAgent"));
        assertFalse(listed.prettify().contains(laptop.getString("refreshToken").split("\\.")[1]));

        Accounts.Account stranger = Accounts.newUser(base);
        api().header("Authorization", stranger.bearer()).delete("users/me/sessions/" + phone.getString("sessionId"))
                .then().statusCode(404).contentType("application/problem+json");
        refresh(phone.getString("refreshToken"));

        api().header("Authorization", "Bearer " + laptop.getString("token"))
                .delete("users/me/sessions/" + phone.getString("sessionId")).then().statusCode(204);
        assertEquals(401, statusWith(phone.getString("token")));
        api().header("Authorization", "Bearer " + laptop.getString("token")).get("users/me/sessions").then()
                .body("total", equalTo(2));

        api().header("Authorization", "Bearer " + laptop.getString("token")).delete("users/me/sessions").then()
                .statusCode(204);
        refused(laptop.getString("refreshToken"));
        assertEquals(401, statusWith(laptop.getString("token")));
    }

    @Test
    void aRefreshCarriesTheAccountsCurrentRoleAndRefusesADeletedAccount() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath session = signIn(account.email(), Accounts.PASSWORD, "phone");
        api().header("Authorization", "Bearer " + Accounts.adminToken(base)).body(Map.of("role", "ADMIN"))
                .patch("admin/users/" + account.id()).then().statusCode(200);
        JsonPath promoted = refresh(session.getString("refreshToken"));
        api().header("Authorization", "Bearer " + promoted.getString("token")).get("admin/users").then()
                .statusCode(200);

        api().header("Authorization", "Bearer " + promoted.getString("token")).delete("users/me").then()
                .statusCode(204);
        refused(promoted.getString("refreshToken"));
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashesAndBadOnesAreProblems() {
        Accounts.Account account = Accounts.newUser(base);
        JsonPath session = signIn(account.email(), Accounts.PASSWORD, "phone");
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            Document stored = client.getDatabase("pdeck_it").getCollection("sessions")
                    .find(Filters.eq("_id", session.getString("sessionId"))).first();
            assertFalse(stored.toJson().contains(session.getString("refreshToken").split("\\.")[1]));
        }
        refused("not-a-refresh-token");
        refused(session.getString("sessionId") + ".forged-secret");
        api().body(Map.of()).post("auth/refresh").then().statusCode(400).contentType("application/problem+json");
        refresh(session.getString("refreshToken"));
    }
}
