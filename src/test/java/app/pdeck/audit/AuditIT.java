package app.pdeck.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
class AuditIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    private RequestSpecification api() {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON);
    }

    private RequestSpecification admin() {
        return api().header("Authorization", "Bearer " + Accounts.adminToken(base));
    }

    @Test
    void registrationAndSignInsSucceededOrFailedAreRecordedWithTheClientAddressAndNoPassword() {
        String email = "audited-" + UUID.randomUUID() + "@it.pdeck.test";
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        String wrongPassword = "wrong-" + UUID.randomUUID();
        api().header("X-Forwarded-For", address).body(Map.of("email", email, "password", Accounts.PASSWORD,
                "name", "Audited")).post("auth/register").then().statusCode(201);
        api().header("X-Forwarded-For", address).body(Map.of("email", email, "password", wrongPassword))
                .post("auth/login").then().statusCode(401);
        api().header("X-Forwarded-For", address).body(Map.of("email", email, "password", Accounts.PASSWORD))
                .post("auth/login").then().statusCode(200);

        String body = admin().queryParam("actor", email).get("admin/audit").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.action", hasItems("auth.register", "auth.login"))
                .body("items.outcome", hasItems("SUCCESS", "FAILURE"))
                .body("items.address", everyItem(equalTo(address)))
                .body("items.actorEmail", everyItem(equalTo(email)))
                .extract().asString();
        assertFalse(body.contains(wrongPassword), "the audit trail must never hold a password");
        assertFalse(body.contains(Accounts.PASSWORD), "the audit trail must never hold a password");
    }

    @Test
    void aRoleChangeIsRecordedWithTheAdministratorAsActor() {
        Accounts.Account user = Accounts.newUser(base);
        String adminToken = Accounts.adminToken(base);
        api().header("Authorization", "Bearer " + adminToken).body(Map.of("role", "ADMIN"))
                .patch("admin/users/" + user.id()).then().statusCode(200);
        admin().queryParam("action", "user.role-change").queryParam("size", 200).get("admin/audit").then()
                .statusCode(200)
                .body("items.find { it.target == '" + user.id() + "' }.actorEmail", equalTo(Accounts.ADMIN_EMAIL))
                .body("items.find { it.target == '" + user.id() + "' }.details.from", equalTo("USER"))
                .body("items.find { it.target == '" + user.id() + "' }.details.to", equalTo("ADMIN"));
        admin().queryParam("action", "admin.request").queryParam("size", 200).get("admin/audit").then()
                .statusCode(200)
                .body("items.target", hasItem("PATCH /admin/users/" + user.id()));
    }

    @Test
    void cacheFlushMigrationAndBackupAreRecorded() {
        admin().delete("admin/cache/tasks").then().statusCode(204);
        admin().queryParam("action", "cache.flush").get("admin/audit").then().statusCode(200)
                .body("items[0].target", equalTo("tasks"))
                .body("items[0].outcome", equalTo("SUCCESS"));
        // The deployment applied the shipped migrations at start-up (first deployment of the run) — or found none
        // pending; either way an admin "up" is recorded as an admin request.
        admin().post("admin/migrations/up").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        admin().queryParam("action", "admin.request").queryParam("size", 200).get("admin/audit").then()
                .body("items.target", hasItem("POST /admin/migrations/up"));
        String runId = admin().post("admin/backups").then().statusCode(202).extract().path("runId");
        awaitRun(runId);
        admin().queryParam("action", "backup.create").get("admin/audit").then().statusCode(200)
                .body("items.outcome", hasItem("SUCCESS"));
    }

    @Test
    void entriesFilterByTimeAndPage() {
        Instant before = Instant.now().minusSeconds(1);
        Accounts.Account user = Accounts.newUser(base);
        admin().queryParam("actor", user.id()).queryParam("from", before.toString()).get("admin/audit").then()
                .statusCode(200).body("total", equalTo(2));
        admin().queryParam("actor", user.id()).queryParam("to", before.toString()).get("admin/audit").then()
                .statusCode(200).body("total", equalTo(0));
        admin().queryParam("actor", user.id()).queryParam("size", 1).queryParam("page", 2).get("admin/audit")
                .then().statusCode(200).body("items.size()", equalTo(1)).body("page", equalTo(2));
        admin().queryParam("from", "yesterday").get("admin/audit").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("from"));
    }

    @Test
    void thereIsNoWayToChangeOrDeleteEntries() {
        String id = admin().get("admin/audit?size=1").then().statusCode(200).extract().path("items[0].id");
        for (String method : new String[] {"PUT", "PATCH", "DELETE", "POST"}) {
            admin().body("{}").request(method, "admin/audit").then().statusCode(405);
        }
        admin().delete("admin/audit/" + id).then().statusCode(not(equalTo(204)));
        admin().get("admin/audit?size=200").then().body("items.id", hasItem(id));
    }

    @Test
    void onlyAdministratorsReadTheTrail() {
        Accounts.Account user = Accounts.newUser(base);
        api().header("Authorization", user.bearer()).get("admin/audit").then().statusCode(403)
                .body("detail", containsString("not allowed"));
    }

    private void awaitRun(String runId) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            String status = admin().get("admin/jobs/runs/" + runId).then().statusCode(200).extract().path("status");
            if (!"RUNNING".equals(status)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
