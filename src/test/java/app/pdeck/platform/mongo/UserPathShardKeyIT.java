package app.pdeck.platform.mongo;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every user-facing endpoint on tasks, projects, integrations and archived tasks sends MongoDB only commands that
 * filter on userId, the shard key, so none would be a scatter-gather query on a sharded cluster. The deployed
 * {@link ShardKeyInspector} watches the commands the driver sends and logs each one that lacks it; this test reads the
 * server log written while it drove the API.
 */
@ExtendWith(ArquillianExtension.class)
class UserPathShardKeyIT {

    private static final Path SERVER_LOG = Path.of("target", "server", "standalone", "log", "server.log");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyUserPathCommandOnUserCollectionsFiltersOnUserId() throws IOException {
        long logStart = Files.size(SERVER_LOG);
        Accounts.Account user = Accounts.newUser(base);

        String project = api(user).body("{\"name\":\"Shard keys\"}").post("api/v1/projects").then().statusCode(201)
                .extract().path("id");
        api(user).get("api/v1/projects").then().statusCode(200);
        api(user).get("api/v1/projects/" + project).then().statusCode(200);
        String task = api(user).body("{\"title\":\"routed\",\"priority\":2,\"projectId\":\"" + project
                + "\",\"tags\":[\"a\"]}").post("api/v1/tasks").then().statusCode(201).extract().path("id");
        api(user).body("{\"tasks\":[{\"title\":\"bulk 1\"},{\"title\":\"bulk 2\"}]}").post("api/v1/tasks/bulk")
                .then().statusCode(201);
        api(user).get("api/v1/tasks?status=TODO&tag=a&q=rout&sort=dueDate&projectId=" + project).then().statusCode(200);
        api(user).get("api/v1/tasks/" + task).then().statusCode(200);
        api(user).body("{\"status\":\"DONE\"}").patch("api/v1/tasks/" + task).then().statusCode(200);
        api(user).body("{\"title\":\"replaced\",\"priority\":1,\"status\":\"DONE\"}").put("api/v1/tasks/" + task)
                .then().statusCode(200);
        String integration = api(user).body("{\"type\":\"GITHUB\",\"displayName\":\"gh\",\"accessToken\":\"tok-1234\"}")
                .post("api/v1/integrations").then().statusCode(201).extract().path("id");
        api(user).get("api/v1/integrations").then().statusCode(200);
        api(user).get("api/v1/integrations/" + integration).then().statusCode(200);
        api(user).delete("api/v1/integrations/" + integration).then().statusCode(204);
        api(user).get("api/v1/tasks/archived").then().statusCode(200);
        api(user).delete("api/v1/tasks/" + task).then().statusCode(204);
        api(user).delete("api/v1/projects/" + project).then().statusCode(204);
        api(user).get("api/v1/users/me").then().statusCode(200);

        String whole = new String(Files.readAllBytes(SERVER_LOG), StandardCharsets.UTF_8);
        assertTrue(whole.contains("shard-key inspector active"), "the inspector is attached to the MongoDB client");
        String appended = whole.substring((int) Math.min(logStart, whole.length()));
        List<String> found = appended.lines().filter(line -> line.contains("without the shard key")).toList();
        assertEquals(List.of(), found, "user-path commands without userId");
    }

    private RequestSpecification api(Accounts.Account user) {
        return given().baseUri(base.toString()).auth().oauth2(user.token()).contentType("application/json");
    }
}
