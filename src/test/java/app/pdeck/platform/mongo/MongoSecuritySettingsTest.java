package app.pdeck.platform.mongo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS and credentials of the MongoDB client. The embedded test server speaks neither TLS nor authentication, so this
 * checks the driver settings the service builds; a real mongod with TLS was not available here (docs/security.md).
 */
class MongoSecuritySettingsTest {

    private static Path trustStore;

    @BeforeAll
    static void makeTrustStore() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "mongo-tls").toAbsolutePath());
        for (String file : List.of("ca.p12", "ca.crt", "truststore.p12")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, keytool, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=PDeck test CA", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass", "ca-pass-1",
                "-validity", "1");
        run(dir, keytool, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", "ca-pass-1",
                "-file", "ca.crt");
        run(dir, keytool, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore",
                "truststore.p12", "-storetype", "PKCS12", "-storepass", "trust-pass-1");
        trustStore = dir.resolve("truststore.p12");
    }

    private static MongoClientSettings build(MongoSettings settings) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(settings.uri()));
        MongoConnection.applySecurity(builder, settings);
        return builder.build();
    }

    @Test
    void tlsInTheUriWithATrustStoreUsesThePrivateCa() {
        MongoClientSettings settings = build(new MongoSettings("mongodb://db.example:27017/?tls=true", null, null,
                "admin", trustStore.toString(), "trust-pass-1", "PKCS12"));
        assertTrue(settings.getSslSettings().isEnabled());
        assertNotNull(settings.getSslSettings().getContext(), "an SSLContext trusting the private CA");
    }

    @Test
    void storedCredentialsWinOverTheUri() {
        MongoClientSettings settings = build(new MongoSettings("mongodb://uri-user:uri-pass@db.example:27017",
                "pdeck-app-a", "stored-pass", "pdeck", null, null, "PKCS12"));
        assertEquals("pdeck-app-a", settings.getCredential().getUserName());
        assertEquals("pdeck", settings.getCredential().getSource());
        assertArrayEquals("stored-pass".toCharArray(), settings.getCredential().getPassword());
        assertFalse(settings.getSslSettings().isEnabled());
        assertNull(settings.getSslSettings().getContext());
    }

    @Test
    void aWrongTrustStorePasswordIsReportedWithoutThePassword() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> build(new MongoSettings(
                "mongodb://db.example/?tls=true", null, null, "admin", trustStore.toString(), "wrong-pass-9",
                "PKCS12")));
        assertTrue(error.getMessage().contains("mongodb.tls.trust-store"));
        assertFalse(error.getMessage().contains("wrong-pass-9"));
    }

    @Test
    void settingsNeverPrintThePassword() {
        MongoSettings settings = new MongoSettings("mongodb://u:uri-secret@db/x", "app", "stored-secret", "admin",
                null, null, "PKCS12");
        assertFalse(settings.toString().contains("uri-secret"));
        assertFalse(settings.toString().contains("stored-secret"));
    }

    private static void run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + output);
        }
    }
}
