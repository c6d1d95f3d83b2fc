package app.pdeck.security.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.ServerProperties;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test server trusts 127.0.0.1 as a proxy and exempts it from the sign-in budgets (arquillian.xml), so these
 * tests act as distinct clients by sending {@code X-Forwarded-For} with addresses of their own.
 */
@ExtendWith(ArquillianExtension.class)
class AbuseLimitIT {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger((int) (Math.random() * 200) * 250);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private RequestSpecification from(String address) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("X-Forwarded-For", address);
    }

    private static String freshAddress() {
        int n = NEXT_ADDRESS.incrementAndGet();
        return "10." + (n / 65536 % 256) + "." + (n / 256 % 256) + "." + (n % 256);
    }

    private static String unknownEmail() {
        return "nobody-" + UUID.randomUUID() + "@it.pdeck.test";
    }

    @Test
    void signInsFromOneAddressAreRefusedWith429AndRetryAfterOnceTheBudgetIsSpent() {
        String address = freshAddress();
        for (int i = 0; i < 20; i++) {
            from(address).body(Map.of("email", unknownEmail(), "password", "wrong-password-1"))
                    .post("auth/login").then().statusCode(401);
        }
        from(address).body(Map.of("email", unknownEmail(), "password", "wrong-password-1"))
                .post("auth/login").then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429));
        from(freshAddress()).body(Map.of("email", unknownEmail(), "password", "wrong-password-1"))
                .post("auth/login").then().statusCode(401);
    }

    @Test
    void signInsForOneAccountAreLimitedWhateverAddressTheyComeFrom() {
        String email = unknownEmail();
        for (int i = 0; i < 10; i++) {
            from(freshAddress()).body(Map.of("email", email, "password", "wrong-password-1"))
                    .post("auth/login").then().statusCode(401);
        }
        Response refused = from(freshAddress()).body(Map.of("email", email, "password", "wrong-password-1"))
                .post("auth/login");
        refused.then().statusCode(429).contentType("application/problem+json");
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1);
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        String address = freshAddress();
        for (int i = 0; i < 10; i++) {
            from(address).body(Map.of("email", unknownEmail(), "password", Accounts.PASSWORD, "name", "R"))
                    .post("auth/register").then().statusCode(201);
        }
        from(address).body(Map.of("email", unknownEmail(), "password", Accounts.PASSWORD, "name", "R"))
                .post("auth/register").then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void repeatedFailuresLockTheAccountForAGrowingPeriodWithTheAnswerOfAWrongPassword() throws Exception {
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.login.lockout.base-seconds", "2")
                .set("pdeck.ratelimit.login-account.permits", "100")) {
            Accounts.Account account = Accounts.newUser(base);
            String address = freshAddress();
            String wrongAnswer = null;
            for (int i = 0; i < 5; i++) {
                wrongAnswer = from(address).body(Map.of("email", account.email(), "password", "wrong-password-1"))
                        .post("auth/login").then().statusCode(401).extract().asString();
            }
            String lockedAnswer = from(address).body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                    .post("auth/login").then().statusCode(401).extract().asString();
            assertEquals(withoutInstance(wrongAnswer), withoutInstance(lockedAnswer),
                    "a locked account answers exactly like a wrong password");

            Thread.sleep(2_300);
            from(address).body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                    .post("auth/login").then().statusCode(200);

            // The success reset the count: five failures again lock it, this time for 2 s only (growth restarts).
            for (int i = 0; i < 5; i++) {
                from(address).body(Map.of("email", account.email(), "password", "wrong-password-1"))
                        .post("auth/login").then().statusCode(401);
            }
            // Without a success in between, the next lock-out lasts twice as long.
            Thread.sleep(2_300);
            for (int i = 0; i < 5; i++) {
                from(address).body(Map.of("email", account.email(), "password", "wrong-password-1"))
                        .post("auth/login").then().statusCode(401);
            }
            Thread.sleep(2_300);
            from(address).body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                    .post("auth/login").then().statusCode(401);
            Thread.sleep(2_000);
            from(address).body(Map.of("email", account.email(), "password", Accounts.PASSWORD))
                    .post("auth/login").then().statusCode(200);

            given().baseUri(base.toString()).basePath("api/v1")
                    .header("Authorization", "Bearer " + Accounts.adminToken(base))
                    .queryParam("actor", account.email()).queryParam("action", "auth.login").queryParam("size", 50)
                    .get("admin/audit").then().statusCode(200)
                    .body("items.details.reason", org.hamcrest.Matchers.hasItem("account-locked"));
        }
    }

    @Test
    void twoClientsOnTwoConnectionsShareOneApiBudget() throws Exception {
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.ratelimit.api.permits", "6")
                .set("pdeck.ratelimit.api.window-seconds", "60")) {
            Accounts.Account account = Accounts.newUser(base);
            HttpClient first = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpClient second = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                statuses.add(profile(first, account).statusCode());
                statuses.add(profile(second, account).statusCode());
            }
            assertEquals(List.of(200, 200, 200, 200, 200, 200, 429, 429), statuses);
            HttpResponse<String> refused = profile(second, account);
            assertEquals(429, refused.statusCode());
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            // Another user's budget is untouched.
            assertEquals(200, profile(first, Accounts.newUser(base)).statusCode());
        }
    }

    private HttpResponse<String> profile(HttpClient client, Accounts.Account account) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base.toString() + "api/v1/users/me"))
                .header("Authorization", account.bearer()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\":\"[^\"]*\"", "");
    }
}
