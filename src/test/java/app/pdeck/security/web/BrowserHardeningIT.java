package app.pdeck.security.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.ServerProperties;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class BrowserHardeningIT {

    private static final String APP_ORIGIN = "https://app.pdeck.test";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    @Test
    void everyResponseCarriesTheSecurityHeadersIncludingErrorsAndTheDashboard() {
        for (String path : new String[] {"api/v1/info", "api/v1/users/me", "api/v1/no-such-thing", "dashboard/",
                "dashboard/index.html"}) {
            hardened(given().baseUri(base.toString()).get(path).then());
        }
    }

    @Test
    void theContentSecurityPolicyForbidsInlineScriptsAndFraming() {
        given().baseUri(base.toString()).get("api/v1/info").then()
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                .header("Content-Security-Policy", containsString("script-src 'self'"));
    }

    @Test
    void noOriginIsAllowedByDefault() {
        given().baseUri(base.toString()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET").options("api/v1/info").then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
        given().baseUri(base.toString()).header("Origin", APP_ORIGIN).get("api/v1/info").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aConfiguredOriginIsAllowedAndOthersStillAreNot() {
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.http.cors.allowed-origins", APP_ORIGIN + ", https://admin.pdeck.test")) {
            hardened(given().baseUri(base.toString()).header("Origin", APP_ORIGIN)
                    .header("Access-Control-Request-Method", "PATCH")
                    .header("Access-Control-Request-Headers", "authorization, content-type")
                    .options("api/v1/tasks").then()
                    .statusCode(204)
                    .header("Access-Control-Allow-Origin", equalTo(APP_ORIGIN))
                    .header("Access-Control-Allow-Methods", containsString("PATCH"))
                    .header("Access-Control-Allow-Headers", containsString("Authorization"))
                    .header("Access-Control-Allow-Credentials", nullValue()));
            given().baseUri(base.toString()).header("Origin", APP_ORIGIN).get("api/v1/info").then()
                    .statusCode(200)
                    .header("Access-Control-Allow-Origin", equalTo(APP_ORIGIN))
                    .header("Vary", containsString("Origin"));
            given().baseUri(base.toString()).header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET").options("api/v1/info").then()
                    .statusCode(403)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
    }

    private static ValidatableResponse hardened(ValidatableResponse response) {
        return response
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }
}
