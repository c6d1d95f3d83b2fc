package app.pdeck.project;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Accounts.Account;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class ProjectIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification as(Account account) {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", account.bearer());
    }

    @Test
    void projectsAreListedByNameAndOnlyForTheirOwner() {
        Account owner = Accounts.newUser(base);
        Account other = Accounts.newUser(base);
        as(owner).body(Map.of("name", "Zeta")).post("projects").then().statusCode(201).header("ETag", "\"1\"");
        String alpha = as(owner).body(Map.of("name", "Alpha")).post("projects").then().statusCode(201)
                .extract().path("id");
        as(owner).get("projects").then().statusCode(200).body("items.name", contains("Alpha", "Zeta"))
                .body("total", equalTo(2));
        as(other).get("projects").then().body("items.size()", equalTo(0)).body("total", equalTo(0));
        as(other).get("projects/" + alpha).then().statusCode(404);
        as(other).delete("projects/" + alpha).then().statusCode(404);
    }

    @Test
    void aTaskCanOnlyJoinItsOwnersProjectAndOutlivesIt() {
        Account owner = Accounts.newUser(base);
        Account other = Accounts.newUser(base);
        String project = as(owner).body(Map.of("name", "Home")).post("projects").then().extract().path("id");
        as(other).body(Map.of("title", "sneaky", "projectId", project)).post("tasks").then().statusCode(400);
        String task = as(owner).body(Map.of("title", "paint", "projectId", project)).post("tasks").then()
                .statusCode(201).extract().path("id");
        as(owner).get("tasks?projectId=" + project).then().body("items.title", contains("paint"));
        as(owner).delete("projects/" + project).then().statusCode(204);
        as(owner).get("tasks/" + task).then().statusCode(200).body("projectId", nullValue());
    }

    @Test
    void replaceWithAStaleVersionIsRefused() {
        Account owner = Accounts.newUser(base);
        String id = as(owner).body(Map.of("name", "v1")).post("projects").then().extract().path("id");
        as(owner).header("If-Match", "\"1\"").body(Map.of("name", "v2", "archived", true)).put("projects/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("archived", equalTo(true));
        as(owner).header("If-Match", "\"1\"").body(Map.of("name", "stale")).put("projects/" + id)
                .then().statusCode(412);
        as(owner).body(Map.of("name", " ")).post("projects").then().statusCode(400);
    }
}
