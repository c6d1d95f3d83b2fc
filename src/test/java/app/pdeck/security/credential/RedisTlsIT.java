package app.pdeck.security.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.pdeck.platform.redis.RedisConnection;
import app.pdeck.platform.redis.RedisEndpoint;
import app.pdeck.platform.redis.RedisSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Redis over TLS against a real redis-server whose certificate is signed by a throw-away CA this test generates with
 * openssl; the application's client trusts it through {@code redis.tls.trust-store} (a PKCS#12 file made by keytool).
 * No WildFly needed: the client is built by the same code the service uses.
 */
class RedisTlsIT {

    private static final String TRUST_STORE_PASSWORD = "it-trust-store-password";
    private static Path dir;
    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedisWithTls() throws Exception {
        dir = Files.createDirectories(Path.of("target", "redis-tls").toAbsolutePath());
        for (String file : List.of("ca.key", "ca.crt", "redis.key", "redis.csr", "redis.crt", "truststore.p12")) {
            Files.deleteIfExists(dir.resolve(file));
        }
        Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt",
                "-days", "1", "-subj", "/CN=PDeck throw-away test CA");
        run("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "redis.key", "-out", "redis.csr",
                "-subj", "/CN=localhost");
        run("openssl", "x509", "-req", "-in", "redis.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-out", "redis.crt", "-days", "1", "-extfile", "san.ext");
        run(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert", "-noprompt",
                "-alias", "pdeck-test-ca", "-file", "ca.crt", "-keystore", "truststore.p12", "-storetype", "PKCS12",
                "-storepass", TRUST_STORE_PASSWORD);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", String.valueOf(port),
                "--bind", "127.0.0.1", "--tls-cert-file", "redis.crt", "--tls-key-file", "redis.key",
                "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no", "--save", "", "--appendonly", "no")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !redis.isAlive()) {
                    throw new AssertionError("redis-server with TLS did not start: " + Files.readString(
                            dir.resolve("redis.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static RedisSettings settings(String trustStore) {
        return new RedisSettings(RedisEndpoint.parse("rediss://127.0.0.1:" + port), null, null, trustStore,
                trustStore == null ? null : TRUST_STORE_PASSWORD);
    }

    private static RedissonClient client(RedisSettings settings) {
        Config config = new Config();
        SingleServerConfig server = config.useSingleServer().setAddress(settings.endpoint().address())
                // Generous: a TLS handshake on a loaded CI machine can take seconds.
                .setConnectTimeout(15000).setTimeout(15000).setRetryAttempts(1)
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2);
        RedisConnection.applySecurity(server, settings);
        config.setLazyInitialization(true);
        return Redisson.create(config);
    }

    @Test
    void theServiceClientWorksOverTlsWhenItTrustsThePrivateCa() {
        RedissonClient client = client(settings(dir.resolve("truststore.p12").toString()));
        try {
            client.getBucket("pdeck:it:tls", StringCodec.INSTANCE).set("over TLS");
            assertEquals("over TLS", client.getBucket("pdeck:it:tls", StringCodec.INSTANCE).get());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void theRotationsAdministrativeConnectionUsesTlsToo() throws IOException {
        try (RespSession session = RespSession.open(settings(dir.resolve("truststore.p12").toString()), 5000)) {
            assertEquals("PONG", session.call("PING"));
        }
    }

    @Test
    void withoutTheCaTheClientRefusesTheServer() {
        RedissonClient client = client(settings(null));
        try {
            assertThrows(RuntimeException.class,
                    () -> client.getBucket("pdeck:it:tls", StringCodec.INSTANCE).get());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void plainTextToTheTlsPortGetsNoAnswer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer;
            try {
                InputStream in = socket.getInputStream();
                answer = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                answer = "";
            }
            assertFalse(answer.contains("PONG"), "a plain-text PING must not be answered: " + answer);
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", line) + " failed: " + output);
        }
    }
}
