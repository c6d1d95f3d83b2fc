package app.pdeck.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.client.ApiClient;
import app.pdeck.client.ApiException;
import app.pdeck.client.ApiResponse;
import app.pdeck.client.api.AuthApi;
import app.pdeck.client.api.TasksApi;
import app.pdeck.client.model.Credentials;
import app.pdeck.client.model.Problem;
import app.pdeck.client.model.RefreshRequest;
import app.pdeck.client.model.Registration;
import app.pdeck.client.model.SessionTokens;
import app.pdeck.client.model.TaskContent;
import app.pdeck.client.model.TaskPage;
import app.pdeck.client.model.TaskStatus;
import app.pdeck.client.model.TaskView;
import app.pdeck.testsupport.Deployments;
import java.net.URL;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API driven only through the Java client the build generates from the OpenAPI document (app.pdeck.client,
 * see the pom's openapi-generator): if the document and the server disagree, this is where an app author would
 * have found out.
 */
@ExtendWith(ArquillianExtension.class)
class ApiClientIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void anAppSignsUpWorksWithItsTasksAndSeesTheDocumentedErrors() throws Exception {
        AtomicReference<String> bearer = new AtomicReference<>();
        ApiClient client = new ApiClient();
        // The document's paths carry /api/v1 (the JAX-RS application path), so the base is the server's root.
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(request -> {
            if (bearer.get() != null) {
                request.header("Authorization", "Bearer " + bearer.get());
            }
        });
        AuthApi auth = new AuthApi(client);
        TasksApi tasks = new TasksApi(client);
        String email = "client-" + UUID.randomUUID() + "@it.pdeck.test";

        auth.register(new Registration().email(email).password("generated-client-pw").name("Client"));
        SessionTokens session = auth.login(new Credentials().email(email).password("generated-client-pw"));
        bearer.set(session.getToken());

        TaskView milk = tasks.createTask(new TaskContent().title("Buy milk").priority(3).addTagsItem("errands"));
        tasks.createTask(new TaskContent().title("File taxes").priority(5).status(TaskStatus.IN_PROGRESS));
        TaskPage todo = tasks.listTasks(null, null, 1, null, null, 10, null, TaskStatus.TODO, null, null);
        assertEquals(List.of("Buy milk"), todo.getItems().stream().map(TaskView::getTitle).toList());
        assertEquals(1L, todo.getTotal());

        ApiResponse<TaskView> renamed = tasks.replaceTaskWithHttpInfo(milk.getId(),
                new TaskContent().title("Buy oat milk").priority(3), "\"" + milk.getVersion() + "\"");
        assertEquals(200, renamed.getStatusCode());
        assertEquals("\"" + renamed.getData().getVersion() + "\"", renamed.getHeaders().get("ETag").get(0));
        assertNotEquals(milk.getVersion(), renamed.getData().getVersion());

        ApiException stale = assertThrows(ApiException.class, () -> tasks.replaceTask(milk.getId(),
                new TaskContent().title("Lost update").priority(1), "\"" + milk.getVersion() + "\""));
        assertEquals(412, stale.getCode());
        Problem precondition = client.getObjectMapper().readValue(stale.getResponseBody(), Problem.class);
        assertEquals(412, precondition.getStatus());
        assertTrue(precondition.getType().startsWith("https://pdeck.app/problems/"), precondition.getType());

        ApiException missing = assertThrows(ApiException.class, () -> tasks.getTask("no-such-task", null));
        assertEquals(404, missing.getCode());
        assertEquals(404, client.getObjectMapper().readValue(missing.getResponseBody(), Problem.class).getStatus());
        assertEquals("Buy oat milk", tasks.getTask(milk.getId(), null).getTitle());

        bearer.set(null);
        SessionTokens next = auth.refresh(new RefreshRequest().refreshToken(session.getRefreshToken()));
        bearer.set(next.getToken());
        assertEquals(2L, tasks.listTasks(null, null, null, null, null, null, null, null, null, null).getTotal());
    }
}
