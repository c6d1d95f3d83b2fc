package app.pdeck.info;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import app.pdeck.testsupport.Deployments;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class InfoIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void infoNamesTheConfiguredDatabaseAndTheMongoServerVersion() {
        given().baseUri(base.toString()).get("api/v1/info").then()
                .statusCode(200)
                .contentType("application/json")
                .body("application", equalTo("pdeck-data-service"))
                .body("database", equalTo("pdeck_it"))
                .body("version", not(emptyOrNullString()))
                .body("mongoServerVersion", not(emptyOrNullString()));
    }

    @Test
    void unknownPathIsAProblemDocument() {
        given().baseUri(base.toString()).get("api/v1/no-such-thing").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"));
    }
}
