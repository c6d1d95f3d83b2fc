package app.pdeck.security.keys;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.testsupport.Accounts;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.ServerProperties;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bson.Document;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rotation of the token signing keys and the encryption keys on a running server: the deployment starts with two
 * signing keys (it-k1 active, it-k2 verify-only) and two encryption keys (c1 active, c2), then the tests change
 * the configuration through the management API, without a restart or redeploy.
 */
@ExtendWith(ArquillianExtension.class)
class KeyRotationIT {

    private static final String DEPLOYMENT = "key-rotation";
    private static final byte[] C1 = randomKey();
    private static final byte[] C2 = randomKey();

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    ManagementClient management;

    private URL base;
    private ServerProperties server;

    private interface Scenario {
        void run() throws Exception;
    }

    /**
     * Deploys the application with two signing keys (it-k1 active, it-k2 verify-only) and two encryption keys (c1
     * active, c2), runs the scenario, then undeploys and removes the settings again.
     */
    private void withTwoKeysEach(Scenario scenario) throws Exception {
        base = new URL("http://127.0.0.1:" + System.getProperty("it.http.port") + "/");
        try (ServerProperties properties = new ServerProperties(management)) {
            server = properties.set("pdeck.jwt.keys", "it-k1:active,it-k2:verify-only")
                    .set("pdeck.jwt.key.it-k1", rsaPem())
                    .set("pdeck.jwt.key.it-k2", rsaPem())
                    .set("pdeck.crypto.keys", "c1:" + b64(C1) + ",c2:" + b64(C2))
                    .set("pdeck.crypto.active-key", "c1");
            deployer.deploy(DEPLOYMENT);
            try {
                scenario.run();
            } finally {
                deployer.undeploy(DEPLOYMENT);
            }
        }
    }

    private RequestSpecification api() {
        return given().baseUri(base.toString()).basePath("api/v1").contentType(ContentType.JSON);
    }

    private RequestSpecification admin() {
        return api().header("Authorization", "Bearer " + Accounts.adminToken(base));
    }

    @Test
    void tokensOfAnOlderKeyStayValidAndARetiredKeyIsRefusedWithoutRestart() throws Exception {
        withTwoKeysEach(this::olderKeysStayValidAndRetiredKeysAreRefused);
    }

    private void olderKeysStayValidAndRetiredKeysAreRefused() throws Exception {
        Accounts.Account early = Accounts.newUser(base);
        assertEquals("it-k1", keyIdOf(early.token()));
        api().get("auth/jwks").then().statusCode(200).body("keys.kid", containsInAnyOrder("it-k1", "it-k2"));

        server.set("pdeck.jwt.keys", "it-k2:active,it-k1:verify-only");
        Accounts.Account late = Accounts.newUser(base);
        assertEquals("it-k2", keyIdOf(late.token()), "the newest key signs new tokens");
        api().header("Authorization", early.bearer()).get("users/me").then().statusCode(200);
        api().header("Authorization", late.bearer()).get("users/me").then().statusCode(200);

        server.set("pdeck.jwt.keys", "it-k2:active,it-k1:retired");
        api().header("Authorization", early.bearer()).get("users/me").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        api().header("Authorization", late.bearer()).get("users/me").then().statusCode(200);
        api().get("auth/jwks").then().statusCode(200).body("keys.kid", equalTo(List.of("it-k2")));
        admin().get("admin/keys").then().statusCode(200)
                .body("signingKeys.find { it.id == 'it-k1' }.state", equalTo("retired"))
                .body("signingKeys.find { it.id == 'it-k2' }.state", equalTo("active"));
    }

    @Test
    void reEncryptionInterruptedHalfWayThenFinishedLeavesEveryTokenReadableUnderTheNewKey() throws Exception {
        withTwoKeysEach(this::reEncryptHalfThenTheRest);
    }

    private void reEncryptHalfThenTheRest() throws Exception {
        Accounts.Account owner = Accounts.newUser(base);
        Map<String, String> tokens = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String token = "ghp_rotation-" + i + "-" + System.nanoTime();
            String id = api().header("Authorization", owner.bearer())
                    .body(Map.of("type", "GITHUB", "displayName", "repo " + i, "accessToken", token))
                    .post("integrations").then().statusCode(201).extract().path("id");
            tokens.put(id, token);
        }
        assertCounts(6, 0);

        server.set("pdeck.crypto.active-key", "c2");
        String partial = admin().queryParam("limit", 3).post("admin/keys/re-encrypt").then().statusCode(202)
                .extract().path("runId");
        assertEquals("SUCCEEDED", awaitRun(partial).getString("status"));
        assertCounts(3, 3);
        admin().get("admin/keys").then()
                .body("encryptionKeys.find { it.id == 'c1' }.removable", equalTo(false))
                .body("activeEncryptionKey", equalTo("c2"));
        assertEveryTokenDecrypts(tokens);

        String rest = admin().post("admin/keys/re-encrypt").then().statusCode(202).extract().path("runId");
        assertEquals("SUCCEEDED", awaitRun(rest).getString("status"));
        assertCounts(0, 6);
        admin().get("admin/keys").then()
                .body("encryptionKeys.find { it.id == 'c1' }.removable", equalTo(true))
                .body("encryptionKeys.find { it.id == 'c2' }.removable", equalTo(false));
        Map<String, String> ciphertexts = assertEveryTokenDecrypts(tokens);

        String again = admin().post("admin/keys/re-encrypt").then().statusCode(202).extract().path("runId");
        assertEquals("SUCCEEDED", awaitRun(again).getString("status"));
        assertEquals(ciphertexts, assertEveryTokenDecrypts(tokens), "a second run changes nothing");
        admin().queryParam("action", "keys.re-encrypt").get("admin/audit").then().statusCode(200)
                .body("items.target", org.hamcrest.Matchers.hasItem("c2"));

        for (String id : tokens.keySet()) {
            api().header("Authorization", owner.bearer()).delete("integrations/" + id).then().statusCode(204);
        }
    }

    private void assertCounts(long onC1, long onC2) {
        JsonPath report = admin().get("admin/keys").then().statusCode(200).extract().jsonPath();
        assertEquals(onC1, report.getLong("encryptionKeys.find { it.id == 'c1' }.values"));
        assertEquals(onC2, report.getLong("encryptionKeys.find { it.id == 'c2' }.values"));
    }

    /** Reads each stored value from MongoDB and opens it with the key it names; returns id → ciphertext. */
    private static Map<String, String> assertEveryTokenDecrypts(Map<String, String> tokens) throws Exception {
        Map<String, String> ciphertexts = new HashMap<>();
        try (MongoClient client = MongoClients.create(TestBackends.get().mongoUri())) {
            List<Document> stored = client.getDatabase("pdeck_it").getCollection("integrations")
                    .find(Filters.in("_id", new ArrayList<>(tokens.keySet()))).into(new ArrayList<>());
            assertEquals(tokens.size(), stored.size());
            for (Document document : stored) {
                Document sealed = document.get("accessToken", Document.class);
                byte[] key = "c1".equals(sealed.getString("keyId")) ? C1 : C2;
                byte[] in = Base64.getDecoder().decode(sealed.getString("ciphertext"));
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, in, 0, 12));
                cipher.updateAAD(document.getString("_id").getBytes(StandardCharsets.UTF_8));
                String plain = new String(cipher.doFinal(in, 12, in.length - 12), StandardCharsets.UTF_8);
                assertEquals(tokens.get(document.getString("_id")), plain);
                ciphertexts.put(document.getString("_id"), sealed.getString("ciphertext"));
            }
        }
        return ciphertexts;
    }

    private JsonPath awaitRun(String runId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JsonPath run = admin().get("admin/jobs/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(run.getString("status")) || System.currentTimeMillis() > deadline) {
                return run;
            }
            Thread.sleep(200);
        }
    }

    private static String keyIdOf(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private static String rsaPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----" + b64(generator.generateKeyPair().getPrivate().getEncoded())
                + "-----END PRIVATE KEY-----";
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
