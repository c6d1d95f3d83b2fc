package app.pdeck.security.credential;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.MongoSettings;
import app.pdeck.platform.problem.ApiException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rotates the application's MongoDB user. What the server supports decides the steps: {@code connectionStatus} tells
 * whether the connection is authenticated and as whom. With authentication, the application's user is alternated
 * between {@code <name>-a} and {@code <name>-b}: {@code createUser} (or {@code updateUser} when it is left over) with
 * the current user's roles and a new password, store, swap the client, drain, {@code dropUser} the old one. Without
 * authentication (the embedded test server, a development mongod) no user can be created: the client is swapped all
 * the same, so the switch itself is exercised, and the report says so.
 */
@ApplicationScoped
class MongoCredentialRotation {

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    @ConfigProperty(name = "pdeck.credentials.drain-ms")
    long drainMs;

    /** The user this connection is authenticated as, from {@code connectionStatus}; empty without authentication. */
    record AuthenticatedUser(String user, String db) {
    }

    RotationReport rotate(SecretStore store) {
        List<String> steps = new ArrayList<>();
        MongoDatabase admin = mongo.client().getDatabase("admin");
        steps.add("server: " + describeServer(admin));
        Optional<AuthenticatedUser> current = authenticatedUser(admin, steps);
        if (current.isEmpty()) {
            steps.add("no MongoDB user created: the server runs without authentication");
            CompletionStage<Void> closed = mongo.refresh(true).orElseThrow();
            steps.add("switched the application to a new MongoDB client");
            await(closed, steps);
            log.info("MongoDB client swapped (the server has no authentication, no user rotated)");
            return new RotationReport("mongo", null, null, false, steps, Instant.now());
        }
        AuthenticatedUser old = current.get();
        String newUser = alternate(old.user());
        String password = Passwords.newPassword();
        MongoDatabase userDb = mongo.client().getDatabase(old.db());
        List<?> roles = rolesOf(userDb, old);
        boolean exists = !usersInfo(userDb, newUser).isEmpty();
        String step = exists ? "updateUser" : "createUser";
        try {
            userDb.runCommand(new Document(step, newUser).append("pwd", password).append("roles", roles));
        } catch (MongoCommandException e) {
            throw ApiException.conflict("MongoDB refused " + step + " (" + e.getErrorCodeName() + "): the user "
                    + old.user() + " needs the privileges createUser/dropUser/grantRole on database " + old.db()
                    + " (e.g. the userAdmin role) to rotate itself");
        }
        steps.add(step + " " + newUser + " on " + old.db() + " with the roles of " + old.user());
        store.put(Map.of("mongodb.username", newUser, "mongodb.password", password, "mongodb.auth-source", old.db()));
        steps.add("stored mongodb.username, mongodb.password and mongodb.auth-source in the credential store");
        // The store watcher may have swapped the client already; either way the new user must be in use now.
        CompletionStage<Void> closed = mongo.applyConfigured();
        if (!newUser.equals(mongo.currentSettings().username())) {
            throw ApiException.conflict("the configuration did not pick up the stored credentials");
        }
        steps.add("switched the application's MongoDB client to " + newUser);
        try {
            mongo.database().runCommand(new Document("ping", 1));
            steps.add("signed in as " + newUser);
        } catch (MongoException e) {
            throw ApiException.unavailable("the new MongoDB user " + newUser + " cannot sign in: " + e.getMessage());
        }
        await(closed, steps);
        boolean revoked = false;
        if (!old.user().equals(newUser)) {
            try {
                mongo.client().getDatabase(old.db()).runCommand(new Document("dropUser", old.user()));
                revoked = true;
                steps.add("dropUser " + old.user());
            } catch (MongoException e) {
                steps.add("could not drop user " + old.user() + ": " + e.getMessage() + " (drop it by hand)");
            }
        }
        boolean dropped = revoked;
        log.info(() -> "MongoDB credential rotated: " + old.user() + " -> " + newUser
                + (dropped ? ", " + old.user() + " dropped" : ""));
        return new RotationReport("mongo", old.user(), newUser, revoked, steps, Instant.now());
    }

    private static String describeServer(MongoDatabase admin) {
        try {
            Document info = admin.runCommand(new Document("buildInfo", 1));
            return "MongoDB " + info.getString("version");
        } catch (MongoException e) {
            return "buildInfo not answered (" + e.getMessage() + ")";
        }
    }

    /** Whether and as whom this client is authenticated; refuses to go on when the server cannot say. */
    private Optional<AuthenticatedUser> authenticatedUser(MongoDatabase admin, List<String> steps) {
        Document status;
        try {
            status = admin.runCommand(new Document("connectionStatus", 1));
        } catch (MongoCommandException e) {
            MongoSettings settings = mongo.currentSettings();
            if (settings.separateCredentials() || settings.uri().contains("@")) {
                throw ApiException.conflict("this MongoDB server does not answer connectionStatus ("
                        + e.getErrorCodeName() + "), so the rotation cannot tell which user to replace; rotate "
                        + "the user by hand and store it with ops/credentials add mongodb.username/mongodb.password");
            }
            steps.add("connectionStatus not supported by this server and no credentials configured: "
                    + "treated as a server without authentication");
            return Optional.empty();
        }
        Document authInfo = status.get("authInfo", Document.class);
        List<?> users = authInfo == null ? List.of() : authInfo.getList("authenticatedUsers", Object.class, List.of());
        if (users.isEmpty()) {
            steps.add("connectionStatus: no authenticated user");
            return Optional.empty();
        }
        Document user = (Document) users.get(0);
        steps.add("connectionStatus: authenticated as " + user.getString("user") + " on " + user.getString("db"));
        return Optional.of(new AuthenticatedUser(user.getString("user"), user.getString("db")));
    }

    private static List<?> rolesOf(MongoDatabase userDb, AuthenticatedUser user) {
        List<Document> found = usersInfo(userDb, user.user());
        if (found.isEmpty()) {
            throw ApiException.conflict("usersInfo does not show the user " + user.user() + " on " + user.db());
        }
        return found.get(0).getList("roles", Object.class, List.of());
    }

    private static List<Document> usersInfo(MongoDatabase userDb, String user) {
        Document reply = userDb.runCommand(new Document("usersInfo", user));
        return reply.getList("users", Document.class, List.of());
    }

    /** {@code app-a} becomes {@code app-b} and back; any other name gets {@code -a}. */
    static String alternate(String user) {
        if (user.endsWith("-a")) {
            return user.substring(0, user.length() - 2) + "-b";
        }
        if (user.endsWith("-b")) {
            return user.substring(0, user.length() - 2) + "-a";
        }
        return user + "-a";
    }

    private void await(CompletionStage<Void> closed, List<String> steps) {
        try {
            closed.toCompletableFuture().get(drainMs + 30_000, TimeUnit.MILLISECONDS);
            steps.add("closed the previous client after " + drainMs + " ms of drain");
        } catch (Exception e) {
            steps.add("the previous client was not closed in time; it is closed in the background");
        }
    }
}
