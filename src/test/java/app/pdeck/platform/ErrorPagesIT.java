package app.pdeck.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URL;
import java.util.Date;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Tokens the server refuses before JAX-RS runs still get an RFC 9457 answer, not the server's HTML page. */
@ExtendWith(ArquillianExtension.class)
class ErrorPagesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aMalformedBearerTokenIsA401ProblemDocument() {
        given().baseUri(base.toString()).header("Authorization", "Bearer not-a-jwt").get("api/v1/tasks").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void aTokenSignedByAnotherServiceIsA401ProblemDocumentEvenWithOurKeyId() throws Exception {
        String ourKeyId = given().baseUri(base.toString()).get("api/v1/auth/jwks").then().statusCode(200)
                .extract().path("keys[0].kid");
        RSAKey foreign = new RSAKeyGenerator(2048).keyID(ourKeyId).generate();
        Accounts.Account user = Accounts.newUser(base);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.id())
                .issuer("https://pdeck.app/data-service")
                .claim("upn", user.email())
                .claim("groups", List.of("USER", "ADMIN"))
                .issueTime(new Date())
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .jwtID("foreign-" + System.nanoTime())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(ourKeyId).build(), claims);
        jwt.sign(new RSASSASigner(foreign));

        given().baseUri(base.toString()).header("Authorization", "Bearer " + jwt.serialize())
                .get("api/v1/admin/users").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void aPathOutsideTheApiIsA404ProblemDocument() {
        given().baseUri(base.toString()).get("no-such-page.html").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
