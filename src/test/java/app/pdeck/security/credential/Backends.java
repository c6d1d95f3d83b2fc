package app.pdeck.security.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.TestBackends;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The test's own hands on the credential store (through ops/credentials) and on Redis (through redis-cli). */
final class Backends {

    private Backends() {
    }

    /** Runs {@code ops/credentials add alias} on the test server's store with {@code value} on standard input. */
    static void storeSecret(String alias, String value) {
        String output = run(List.of("ops/credentials", "add", alias), value + "\n");
        assertTrue(output.strip().endsWith("stored " + alias), output);
    }

    static String storeAliases() {
        return run(List.of("ops/credentials", "list"), "");
    }

    /** {@code redis-cli} against the test Redis as its default user. */
    static String redisCli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-p",
                String.valueOf(TestBackends.get().redis().port())));
        command.addAll(List.of(arguments));
        return run(command, "");
    }

    /** Whether {@code user}/{@code password} may sign in to the test Redis. */
    static String pingAs(String user, String password) {
        return run(List.of("redis-cli", "-p", String.valueOf(TestBackends.get().redis().port()), "--no-auth-warning",
                "--user", user, "--pass", password, "PING"), "");
    }

    /**
     * Creates a Redis ACL user with every permission and a password the test knows, stores both in the credential
     * store and waits until the service's Redis connections authenticate as it.
     */
    static KnownUser installKnownRedisUser(Runnable useRedis) {
        String user = "it-known-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "it-redis-password-" + UUID.randomUUID();
        assertEquals("OK", redisCli("ACL", "SETUSER", user, "on", ">" + password, "~*", "&*", "+@all").strip());
        // Password first: until the user name arrives too, the service would sign in as the default user.
        storeSecret("redis.password", password);
        storeSecret("redis.username", user);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!redisCli("CLIENT", "LIST").contains("user=" + user + " ")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not switch to the stored Redis user " + user);
            }
            useRedis.run();
            sleep(300);
        }
        return new KnownUser(user, password);
    }

    record KnownUser(String name, String password) {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String run(List<String> command, String input) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PDECK_CREDENTIAL_STORE", TestBackends.credentialStore().toString());
        try {
            Process process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(command.get(0) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
