package app.pdeck.security.credential;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the main flows with secret values the test knows (passwords, an integration token, a Redis password given
 * through the credential store, the store's own password) and then looks for every one of them in the server log and
 * in every response the service gave. The passwords a rotation generates are unknown to the test; they are found by
 * hashing every password-shaped word of the log and comparing with the hash Redis keeps.
 */
@ExtendWith(ArquillianExtension.class)
class NeverLoggedIT {

    private static final Pattern GENERATED_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{43}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private final StringBuilder responses = new StringBuilder();
    private final Filter capture = (request, response, context) -> {
        var answer = context.next(request, response);
        responses.append(answer.getStatusLine()).append('\n').append(answer.getHeaders()).append('\n')
                .append(answer.asString()).append('\n');
        return answer;
    };

    private RequestSpecification api() {
        return given().baseUri(base.toString()).basePath("api/v1").filter(capture).contentType(ContentType.JSON);
    }

    @Test
    void noSecretOfTheMainFlowsAppearsInTheServerLogOrInAnyResponse() throws Exception {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String userPassword = "never-logged-user-password-" + unique;
        String wrongPassword = "never-logged-wrong-password-" + unique;
        String integrationToken = "ghp_neverLoggedIntegrationToken" + unique;
        String email = "never-logged-" + unique + "@it.pdeck.test";

        api().body(Map.of("email", email, "password", userPassword, "name", "Never Logged")).post("auth/register")
                .then().statusCode(201);
        api().body(Map.of("email", email, "password", wrongPassword)).post("auth/login").then().statusCode(401);
        api().body(Map.of("email", email, "password", wrongPassword, "name", "Again")).post("auth/register")
                .then().statusCode(409);
        String token = api().body(Map.of("email", email, "password", userPassword)).post("auth/login")
                .then().statusCode(200).extract().path("token");
        String bearer = "Bearer " + token;
        api().header("Authorization", bearer).body(Map.of("title", "a task", "priority", 3)).post("tasks")
                .then().statusCode(201);
        api().header("Authorization", bearer).get("tasks").then().statusCode(200);
        api().header("Authorization", bearer).body(Map.of("type", "GITHUB", "displayName", "GitHub",
                "accessToken", integrationToken, "settings", Map.of("org", "pdeck"))).post("integrations")
                .then().statusCode(201);
        api().header("Authorization", bearer).get("integrations").then().statusCode(200);
        api().header("Authorization", bearer).body("{\"accessToken\": \"" + integrationToken + "\", \"type\": 7}")
                .post("integrations").then().statusCode(greaterThanOrEqualTo(400));

        Backends.KnownUser redisUser = Backends.installKnownRedisUser(
                () -> api().header("Authorization", bearer).get("tasks").then().statusCode(200));
        String admin = "Bearer " + api().body(Map.of("email", Accounts.ADMIN_EMAIL,
                "password", Accounts.ADMIN_PASSWORD)).post("auth/login").then().statusCode(200).extract().path("token");
        String rotatedUser = api().header("Authorization", admin).post("admin/credentials/redis/rotate")
                .then().statusCode(200).extract().path("currentUser");
        api().header("Authorization", admin).post("admin/credentials/mongo/rotate").then().statusCode(200);
        api().header("Authorization", admin).get("admin/credentials").then().statusCode(200);
        api().header("Authorization", bearer).get("tasks").then().statusCode(200);

        String log = Files.readString(serverLog(), StandardCharsets.UTF_8);
        assertTrue(log.contains("Redis credential rotated: " + redisUser.name() + " -> " + rotatedUser),
                "the scanned log is the server's log of this run");
        List<String> secrets = List.of(userPassword, wrongPassword, integrationToken, redisUser.password(),
                Accounts.ADMIN_PASSWORD, "it-store-password-1");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "server.log contains the secret " + secret);
            assertFalse(responses.toString().contains(secret), "a response contains the secret " + secret);
        }
        String rotatedHash = passwordHash(rotatedUser);
        assertEquals(List.of(), generatedPasswordsIn(log + responses, rotatedHash),
                "the password the rotation generated appears in the log or a response");
    }

    private static Path serverLog() {
        return Path.of(System.getProperty("jboss.home", "target/server"), "standalone", "log", "server.log");
    }

    /** The SHA-256 Redis keeps for the user's password. */
    private static String passwordHash(String user) {
        List<String> lines = Backends.redisCli("ACL", "GETUSER", user).lines().toList();
        int at = lines.indexOf("passwords");
        return lines.get(at + 1).strip();
    }

    private static List<String> generatedPasswordsIn(String text, String sha256Hex) throws Exception {
        List<String> found = new ArrayList<>();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Matcher words = GENERATED_PASSWORD.matcher(text);
        while (words.find()) {
            String hash = HexFormat.of().formatHex(sha256.digest(words.group().getBytes(StandardCharsets.UTF_8)));
            if (hash.equals(sha256Hex)) {
                found.add("(a " + words.group().length() + "-character word matching the hash)");
            }
        }
        return found;
    }
}
