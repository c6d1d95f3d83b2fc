package app.pdeck.backup;

import static app.pdeck.jobs.AdminApi.awaitRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.ServerProperties;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Backups encrypted under a configured key: round trip, refusal without the key, integrity before decryption. */
@ExtendWith(ArquillianExtension.class)
class EncryptedBackupIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @ArquillianResource
    ManagementClient management;

    private RequestSpecification admin() {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + Accounts.adminToken(base));
    }

    private static Path backupDir() {
        return Path.of(System.getProperty("jboss.home"), "standalone", "data", "pdeck-backups");
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void anEncryptedBackupHoldsNoClearTextAndRestoresWithItsKey() throws Exception {
        String key = newKey();
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.crypto.keys", "bk1:" + key)
                .set("pdeck.backup.encryption-key", "bk1")) {
            Accounts.Account user = Accounts.newUser(base);
            String marker = "secret-plan-" + UUID.randomUUID();
            given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON)
                    .header("Authorization", user.bearer()).body(Map.of("title", marker, "priority", 3))
                    .post("tasks").then().statusCode(201);
            String id = backupNow();

            admin().get("admin/backups/" + id).then().statusCode(200).body("backup.encryptionKeyId", equalTo("bk1"));
            Path dir = backupDir().resolve(id);
            assertTrue(Files.readString(dir.resolve(Manifest.FILE)).contains("\"keyId\": \"bk1\""));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    assertTrue(name.equals(Manifest.FILE) || name.endsWith(".enc"), "not encrypted: " + file);
                    assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(marker));
                }
            }
            admin().post("admin/backups/" + id + "/verify").then().statusCode(200)
                    .body("valid", equalTo(true)).body("documents", greaterThan(0));

            String target = "pdeck_it_enc_" + UUID.randomUUID().toString().substring(0, 8);
            String runId = admin().body(Map.of("targetDatabase", target)).post("admin/backups/" + id + "/restore")
                    .then().statusCode(202).extract().path("runId");
            assertEquals("SUCCEEDED", awaitRun(base, runId).getString("status"));
            try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
                MongoDatabase restored = client.getDatabase(target);
                assertEquals(1, restored.getCollection("tasks").countDocuments(Filters.eq("title", marker)));
                restored.drop();
            }
            admin().queryParam("action", "backup.create").get("admin/audit").then()
                    .body("items.find { it.target == '" + id + "' }.details.encryptionKey", equalTo("bk1"));
            admin().get("admin/keys").then().statusCode(200)
                    .body("encryptionKeys.find { it.id == 'bk1' }.backups", greaterThan(0))
                    .body("encryptionKeys.find { it.id == 'bk1' }.removable", equalTo(false));
            admin().delete("admin/backups/" + id).then().statusCode(204);
        }
    }

    @Test
    void withoutTheKeyARestoreIsRefusedClearlyAndChangesNothing() throws Exception {
        String id;
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.crypto.keys", "bk2:" + newKey())
                .set("pdeck.backup.encryption-key", "bk2")) {
            Accounts.newUser(base);
            id = backupNow();
            server.set("pdeck.crypto.keys", "other:" + newKey());
            server.set("pdeck.backup.encryption-key", "other");
            Map<String, String> before = fingerprint();
            admin().body("{}").post("admin/backups/" + id + "/restore").then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", containsString("backup-key-missing"))
                    .body("detail", containsString("'bk2'"))
                    .body("detail", containsString("nothing was changed"));
            assertEquals(before, fingerprint());
            admin().post("admin/backups/" + id + "/verify").then().statusCode(200)
                    .body("valid", equalTo(false)).body("problems[0]", containsString("not configured"));
        }
        admin().delete("admin/backups/" + id).then().statusCode(204);
    }

    @Test
    void verifyChecksTheEncryptedFilesBeforeDecryptingAndATamperedBackupIsNotRestored() throws Exception {
        try (ServerProperties server = new ServerProperties(management)
                .set("pdeck.crypto.keys", "bk3:" + newKey())
                .set("pdeck.backup.encryption-key", "bk3")) {
            Accounts.newUser(base);
            String id = backupNow();
            Path sealed;
            try (Stream<Path> files = Files.walk(backupDir().resolve(id))) {
                sealed = files.filter(p -> p.getFileName().toString().equals("users.bson.gz.enc")).findFirst()
                        .orElseThrow();
            }
            byte[] bytes = Files.readAllBytes(sealed);
            bytes[bytes.length / 2] ^= 1;
            Files.write(sealed, bytes);
            admin().post("admin/backups/" + id + "/verify").then().statusCode(200)
                    .body("valid", equalTo(false)).body("problems[0]", containsString("SHA-256"));
            Map<String, String> before = fingerprint();
            admin().body("{}").post("admin/backups/" + id + "/restore").then().statusCode(422)
                    .body("type", containsString("backup-invalid"));
            assertEquals(before, fingerprint());
            admin().delete("admin/backups/" + id).then().statusCode(204);
        }
    }

    private String backupNow() {
        String runId = admin().post("admin/backups").then().statusCode(202).extract().path("runId");
        JsonPath run = awaitRun(base, runId);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        return run.getString("results.backupId");
    }

    private static Map<String, String> fingerprint() {
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            MongoDatabase database = client.getDatabase("pdeck_it");
            List<String> names = new ArrayList<>(List.of("users", "tasks", "projects", "integrations"));
            return DatabaseFingerprint.documents(database, names);
        }
    }
}
