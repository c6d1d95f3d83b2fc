package app.pdeck.security.credential;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The command behind {@code ops/credentials}: creates the store, lists its aliases, adds a secret read from standard
 * input (never from the command line, which other users can see; all of it, so a PEM key fits), removes one. Writes the same file format the
 * server's {@code /subsystem=elytron/credential-store=pdeck} reads.
 */
public final class CredentialStoreTool {

    private CredentialStoreTool() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            usage();
        }
        String password = System.getenv(SecretStore.PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            fail("set " + SecretStore.PASSWORD_VARIABLE + " (the store's password)");
        }
        SecretStore store = SecretStore.at(Path.of(args[1]), password.toCharArray());
        try {
            switch (args[0]) {
                case "create" -> {
                    store.put(Map.of());
                    System.out.println("credential store ready: " + store.file());
                }
                case "list" -> store.aliases().forEach(System.out::println);
                case "add" -> {
                    String alias = alias(args);
                    // All of standard input (a PEM key has several lines), without the final line break.
                    String value = new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                            .replaceFirst("\\R+\\z", "");
                    if (value.isEmpty()) {
                        fail("no value on standard input for " + alias);
                    }
                    store.put(Map.of(alias, value));
                    System.out.println("stored " + alias);
                }
                case "remove" -> {
                    String alias = alias(args);
                    store.remove(List.of(alias));
                    System.out.println("removed " + alias);
                }
                default -> usage();
            }
        } catch (IllegalStateException e) {
            fail(e.getMessage());
        }
    }

    private static String alias(String[] args) {
        if (args.length < 3 || !args[2].matches("[a-z0-9][a-z0-9._-]*")) {
            fail("an alias is a configuration property name in lower case, e.g. redis.password");
        }
        return args[2];
    }

    private static void usage() {
        fail("usage: CredentialStoreTool create|list <store file> | add|remove <store file> <alias>");
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(1);
    }
}
