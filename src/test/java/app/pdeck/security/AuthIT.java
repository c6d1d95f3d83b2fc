package app.pdeck.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class AuthIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification api() {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON);
    }

    @Test
    void registrationAnswersTheUserWithoutAnyPasswordAndStoresTheEmailLowerCase() {
        String email = "Mixed.Case-" + UUID.randomUUID() + "@IT.pdeck.test";
        api().body(Map.of("email", email, "password", "long-enough-password", "name", "Ada"))
                .post("auth/register").then()
                .statusCode(201)
                .header("Location", notNullValue())
                .body("email", equalTo(email.toLowerCase()))
                .body("role", equalTo("USER"))
                .body("preferences.theme", equalTo("light"))
                .body("preferences.notifications", equalTo(true))
                .body("$", not(hasKey("password")))
                .body("$", not(hasKey("passwordHash")));
    }

    @Test
    void duplicateEmailIsAConflictWhateverItsCase() {
        Accounts.Account account = Accounts.newUser(base);
        api().body(Map.of("email", account.email().toUpperCase(), "password", "long-enough-password", "name", "B"))
                .post("auth/register").then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shortPasswordAndInvalidEmailAreRejectedFieldByField() {
        api().body(Map.of("email", "not-an-email", "password", "short", "name", "C"))
                .post("auth/register").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("email", "password"));
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        Accounts.Account account = Accounts.newUser(base);
        var wrongPassword = api().body(Map.of("email", account.email(), "password", "wrong-password-123"))
                .post("auth/login").then().statusCode(401).extract().asString();
        var unknownEmail = api().body(Map.of("email", "nobody-" + UUID.randomUUID() + "@it.pdeck.test",
                "password", "wrong-password-123")).post("auth/login").then().statusCode(401).extract().asString();
        org.junit.jupiter.api.Assertions.assertEquals(
                wrongPassword.replaceAll("\"instance\":\"[^\"]*\"", ""),
                unknownEmail.replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    @Test
    void aTokenOpensTheProfileAndLogoutRevokesIt() {
        Accounts.Account account = Accounts.newUser(base);
        api().header("Authorization", account.bearer()).get("users/me").then()
                .statusCode(200).body("id", equalTo(account.id())).body("email", equalTo(account.email()));
        api().header("Authorization", account.bearer()).post("auth/logout").then().statusCode(204);
        api().header("Authorization", account.bearer()).get("users/me").then()
                .statusCode(401).contentType("application/problem+json");
    }

    @Test
    void missingOrForgedTokenIsUnauthorized() {
        api().get("users/me").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        Accounts.Account account = Accounts.newUser(base);
        String forged = account.token().substring(0, account.token().lastIndexOf('.') + 1) + "AAAA";
        api().header("Authorization", "Bearer " + forged).get("users/me").then().statusCode(401);
    }

    @Test
    void aUserCannotCallAdminEndpointsButTheAdminCan() {
        Accounts.Account account = Accounts.newUser(base);
        api().header("Authorization", account.bearer()).get("admin/users").then()
                .statusCode(403).contentType("application/problem+json");
        api().header("Authorization", "Bearer " + Accounts.adminToken(base)).get("admin/users?size=5").then()
                .statusCode(200).body("size", equalTo(5)).body("total", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void publishedKeysCarryTheKeyIdOfIssuedTokens() {
        Accounts.Account account = Accounts.newUser(base);
        String header = new String(java.util.Base64.getUrlDecoder().decode(account.token().split("\\.")[0]));
        api().get("auth/jwks").then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA"))
                .body("keys[0].d", org.hamcrest.Matchers.nullValue())
                .body("keys[0].kid", equalTo(header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1")));
    }
}
