package app.pdeck.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis and Mongo-wire servers of one integration-test run: on free loopback ports, with throw-away data under
 * {@code target/it-backends}, never the developer's own servers. Started before Arquillian boots WildFly (which
 * receives their addresses through {@code arquillian.xml}) and stopped when the test JVM ends, whatever the tests did.
 */
public final class TestBackends {

    private static TestBackends instance;

    private final BackendProcess redis;
    private final BackendProcess mongo;

    private TestBackends(BackendProcess redis, BackendProcess mongo) {
        this.redis = redis;
        this.mongo = mongo;
    }

    /** The running backends; fails if the test run did not start them (i.e. outside failsafe). */
    public static synchronized TestBackends get() {
        if (instance == null) {
            throw new IllegalStateException("Test backends are started only for integration tests (mvn verify)");
        }
        return instance;
    }

    static synchronized void startAll() {
        if (instance != null) {
            return;
        }
        Path dir = Path.of("target", "it-backends").toAbsolutePath();
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // A credential store left by an earlier run would point the server at Redis users that no longer exist;
            // the server log starts empty so what a test finds in it was written by this run.
            Files.deleteIfExists(credentialStore());
            Files.deleteIfExists(credentialStore().getParent().getParent().getParent().resolve("log")
                    .resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int redisPort = freePort();
        int mongoPort = freePort();
        BackendProcess redis = new BackendProcess("redis-server", List.of(redisServer(), "--port",
                String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", dir.toString(), "--protected-mode", "yes"), redisPort, dir.resolve("redis.log"));
        List<String> mongoCommand = new ArrayList<>(embeddedMongoCommand(mongoPort, dir.resolve("mongo.mv")));
        mongoCommand.add("--log-read-preferences");
        BackendProcess mongo = new BackendProcess("embedded-mongodb", mongoCommand, mongoPort,
                dir.resolve("mongo.log"));
        TestBackends backends = new TestBackends(redis, mongo);
        Runtime.getRuntime().addShutdownHook(new Thread(backends::stopAll, "test-backends-stop"));
        redis.start();
        mongo.start();
        System.setProperty("pdeck.it.redis.url", "redis://127.0.0.1:" + redisPort);
        System.setProperty("pdeck.it.mongodb.uri", "mongodb://127.0.0.1:" + mongoPort);
        int offset = Integer.getInteger("it.port.offset", 200);
        System.setProperty("it.http.port", String.valueOf(8080 + offset));
        System.setProperty("it.management.port", String.valueOf(9990 + offset));
        instance = backends;
    }

    void stopAll() {
        redis.kill();
        mongo.stop();
    }

    /** The credential store of the test server (its password: PDECK_CREDENTIAL_STORE_PASSWORD, set by the pom). */
    public static Path credentialStore() {
        return Path.of(System.getProperty("jboss.home", "target/server"), "standalone", "data", "pdeck",
                "credentials.cs").toAbsolutePath();
    }

    public BackendProcess redis() {
        return redis;
    }

    public BackendProcess mongo() {
        return mongo;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redis.port();
    }

    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongo.port();
    }

    private static String redisServer() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server is not installed; run: sudo apt-get install -y redis-server");
    }

    /**
     * The embedded MongoDB as {@code ops/run} starts it (same launcher, heap and options), on {@code port} with its
     * data in {@code file}; it exits when this JVM does.
     */
    public static List<String> embeddedMongoCommand(int port, Path file) {
        Path classpathFile = Path.of("target", "devserver.classpath");
        String classpath;
        try {
            classpath = Path.of("target", "test-classes").toAbsolutePath() + java.io.File.pathSeparator
                    + Files.readString(classpathFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("missing " + classpathFile + "; build with mvn verify", e);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xmx512m", "-cp", classpath, "app.pdeck.devserver.EmbeddedMongoServer",
                "--port", String.valueOf(port), "--file", file.toString(), "--exit-with-parent");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
