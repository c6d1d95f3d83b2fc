package app.pdeck.security.credential;

import app.pdeck.platform.problem.ApiException;
import app.pdeck.platform.redis.RedisConnection;
import app.pdeck.platform.redis.RedisSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rotates the application's Redis ACL user: creates a new user with the current user's rules and a new password,
 * stores both in the credential store, switches the application's client to it, waits until the old client is
 * closed, then deletes the old user (which also closes every connection still authenticated as it). The
 * {@code default} user is never deleted: it is the operator's, not the application's.
 */
@ApplicationScoped
class RedisCredentialRotation {

    private static final Pattern RULE = Pattern.compile("\\([^)]*\\)|\\S+");

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    @ConfigProperty(name = "pdeck.credentials.redis.user-prefix")
    String userPrefix;

    @Inject
    @ConfigProperty(name = "redis.connect-timeout-ms")
    int connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "pdeck.credentials.drain-ms")
    long drainMs;

    RotationReport rotate(SecretStore store) {
        RedisSettings current = redis.settings();
        String oldUser = current.user();
        String newUser = Passwords.newUserName(userPrefix);
        String password = Passwords.newPassword();
        List<String> steps = new ArrayList<>();
        try (RespSession session = RespSession.open(current, connectTimeoutMs * 5)) {
            List<String> rules = rulesOf(session, oldUser);
            List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", newUser, "reset", "on", ">" + password));
            command.addAll(rules);
            session.call(command.toArray(String[]::new));
            steps.add("created ACL user " + newUser + " with the rules of " + oldUser + ": " + String.join(" ", rules));
        } catch (RespSession.ErrorReply e) {
            throw ApiException.conflict("Redis refused the new ACL user (" + e.getMessage() + "); the user "
                    + oldUser + " needs the permission to run ACL SETUSER/LIST/DELUSER");
        } catch (IOException e) {
            throw ApiException.unavailable("Redis is not reachable: " + e.getMessage());
        }
        RedisSettings next = current.withCredentials(newUser, password);
        try (RespSession check = RespSession.open(next, connectTimeoutMs * 5)) {
            check.call("PING");
            steps.add("signed in as " + newUser);
            store.put(Map.of("redis.username", newUser, "redis.password", password));
            steps.add("stored redis.username and redis.password in the credential store");
        } catch (IOException | RuntimeException e) {
            deleteQuietly(current, newUser);
            throw ApiException.unavailable("rotation abandoned, the new user " + newUser + " was deleted: "
                    + e.getMessage());
        }
        // The store watcher may have swapped the client already; either way the new user must be in use now.
        CompletionStage<Void> oldClosed = redis.applyConfigured();
        if (!newUser.equals(redis.settings().user())) {
            throw ApiException.conflict("the configuration did not pick up the stored credentials (is "
                    + "redis.username/redis.password set in a source with an ordinal above the credential store's?)");
        }
        steps.add("switched the application's Redis client to " + newUser);
        try {
            oldClosed.toCompletableFuture().get(drainMs + 30_000, java.util.concurrent.TimeUnit.MILLISECONDS);
            steps.add("closed the client of " + oldUser + " after " + drainMs + " ms of drain");
        } catch (Exception e) {
            steps.add("the old client was not closed in time; it is closed in the background");
        }
        boolean revoked = false;
        if ("default".equals(oldUser)) {
            steps.add("kept the default user: it is configured by the Redis operator, not owned by the application");
        } else {
            try (RespSession session = RespSession.open(next, connectTimeoutMs * 5)) {
                session.call("ACL", "DELUSER", oldUser);
                revoked = true;
                steps.add("deleted ACL user " + oldUser + "; Redis closed its remaining connections");
            } catch (IOException | RuntimeException e) {
                steps.add("could not delete ACL user " + oldUser + ": " + e.getMessage() + " (delete it by hand)");
            }
        }
        boolean previousRevoked = revoked;
        log.info(() -> "Redis credential rotated: " + oldUser + " -> " + newUser
                + (previousRevoked ? ", " + oldUser + " deleted" : ""));
        return new RotationReport("redis", oldUser, newUser, revoked, steps, Instant.now());
    }

    /** The rules of {@code user} from {@code ACL LIST}, without its on/off flag and password hashes. */
    static List<String> rulesOf(RespSession session, String user) throws IOException {
        Object reply = session.call("ACL", "LIST");
        if (reply instanceof List<?> lines) {
            for (Object line : lines) {
                if (line instanceof String text && text.startsWith("user " + user + " ")) {
                    return rules(text.substring(("user " + user + " ").length()));
                }
            }
        }
        throw ApiException.conflict("Redis has no ACL user " + user);
    }

    static List<String> rules(String aclLine) {
        List<String> rules = new ArrayList<>();
        Matcher matcher = RULE.matcher(aclLine);
        while (matcher.find()) {
            String token = matcher.group();
            boolean credential = token.startsWith("#") || token.startsWith(">") || token.startsWith("<")
                    || token.startsWith("!") || token.equals("nopass") || token.equals("resetpass");
            if (!credential && !token.equals("on") && !token.equals("off")) {
                rules.add(token);
            }
        }
        return rules;
    }

    private void deleteQuietly(RedisSettings admin, String user) {
        try (RespSession session = RespSession.open(admin, connectTimeoutMs * 5)) {
            session.call("ACL", "DELUSER", user);
        } catch (IOException | RuntimeException e) {
            log.warning(() -> "could not delete the abandoned Redis user " + user + ": " + e.getMessage());
        }
    }
}
