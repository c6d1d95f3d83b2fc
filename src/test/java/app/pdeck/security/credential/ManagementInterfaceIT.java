package app.pdeck.security.credential;

import static io.restassured.RestAssured.given;

import app.pdeck.testsupport.Deployments;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The management interface of the server the tests run answers on 127.0.0.1 and only to a management user. */
@ExtendWith(ArquillianExtension.class)
class ManagementInterfaceIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    private static String management() {
        return "http://127.0.0.1:" + System.getProperty("it.management.port") + "/management";
    }

    @Test
    void theManagementApiNeedsAManagementUser() {
        given().get(management()).then().statusCode(401);
        given().auth().digest("admin@it.pdeck.test", "it-admin-password-1").get(management()).then().statusCode(401);
    }

    @Test
    void healthStaysOpenForProbes() {
        given().get("http://127.0.0.1:" + System.getProperty("it.management.port") + "/health/live")
                .then().statusCode(200);
    }
}
