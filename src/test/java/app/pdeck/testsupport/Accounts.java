package app.pdeck.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.net.URL;
import java.util.Map;
import java.util.UUID;

/** Accounts for integration tests: the bootstrapped administrator and fresh users with unique emails. */
public final class Accounts {

    public static final String ADMIN_EMAIL = "admin@it.pdeck.test";
    public static final String ADMIN_PASSWORD = "it-admin-password-1";
    public static final String PASSWORD = "correct-horse-battery";

    /** A registered, signed-in user. */
    public record Account(String id, String email, String token) {
        public String bearer() {
            return "Bearer " + token;
        }
    }

    private Accounts() {
    }

    public static String adminToken(URL base) {
        return login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    public static Account newUser(URL base) {
        String email = "user-" + UUID.randomUUID() + "@it.pdeck.test";
        String id = given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Test User"))
                .post("api/v1/auth/register")
                .then().statusCode(201).extract().path("id");
        return new Account(id, email, login(base, email, PASSWORD));
    }

    public static String login(URL base, String email, String password) {
        return given().baseUri(base.toString()).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .post("api/v1/auth/login")
                .then().statusCode(200).extract().path("token");
    }
}
