package app.pdeck.user;

import app.pdeck.platform.mongo.DocumentIds;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheResult;
import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.cache.CacheOwner;
import app.pdeck.cache.DataChanged;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.PasswordHasher;
import app.pdeck.security.RevokedTokens;
import app.pdeck.security.ratelimit.LoginLockout;
import app.pdeck.platform.problem.TooManyRequestsException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Accounts: registration, sign-in check, profile changes and deletion of a user with everything they own. */
// No state of its own: one instance serves every call, without the pool and locks of @Stateless or a container
// lock per call (bean-managed concurrency; every field is a thread-safe injected bean).
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// MongoDB and Redis take no part in JTA: a container transaction per call would only cost time.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class UserService {

    /** A change that loses this many races in a row gives up with 409 (another client is writing non-stop). */
    static final int WRITE_ATTEMPTS = 5;

    @Inject
    Logger log;

    @Inject
    UserRepository users;

    @Inject
    UserStore store;

    @Inject
    PasswordHasher passwordHasher;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Inject
    Event<AccountDeleted> accountDeleted;

    @Inject
    MongoConnection mongo;

    @Inject
    Event<DataChanged> dataChanged;

    @Inject
    AuditTrail audit;

    @Inject
    LoginLockout lockout;

    public User register(Registration registration) {
        return create(registration.email(), registration.password(), registration.name(), Role.USER);
    }

    public User create(String email, String password, String name, Role role) {
        String normalized = normalizeEmail(email);
        if (users.findByEmail(normalized).isPresent()) {
            throw ApiException.conflict("An account with this email already exists");
        }
        User user = new User(DocumentIds.next(), normalized, passwordHasher.hash(password.toCharArray()),
                name.strip(), new Preferences(), role, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        try {
            users.insert(user);
        } catch (RuntimeException e) {
            if (isDuplicateKey(e)) {
                throw ApiException.conflict("An account with this email already exists");
            }
            throw e;
        }
        log.info(() -> "account " + user.getId() + " registered with role " + role);
        return user;
    }

    /** The account for these credentials; the same empty answer for an unknown email and a wrong password. */
    public Optional<User> authenticate(String email, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        Optional<User> user = email == null ? Optional.empty() : users.findByEmail(normalizeEmail(email));
        if (user.isEmpty() || user.get().isBeingDeleted()) {
            passwordHasher.burnEquivalentTime(secret);
            return Optional.empty();
        }
        return passwordHasher.matches(secret, user.get().getPasswordHash()) ? user : Optional.empty();
    }

    public User get(String id) {
        return store.find(id).filter(u -> !u.isBeingDeleted())
                .orElseThrow(() -> ApiException.notFound("User"));
    }

    /** What the API shows of the account (never the password hash). */
    @CacheResult(cacheName = "user-profiles")
    public UserView profile(@CacheOwner @CacheKey String id) {
        return UserView.of(get(id));
    }

    public Optional<User> findByEmail(String email) {
        return users.findByEmail(normalizeEmail(email));
    }

    /**
     * Changes the profile; the {@link DataChanged} event after the write makes the next {@link #profile} load it.
     * Only the fields the update names are written, and only from the version read: when another write came in between, the change is made again from the
     * new state, or, if the client named the version it saw ({@code expectedVersion}, from {@code If-Match}),
     * refused with 412.
     */
    public UserView update(String id, ProfileUpdate update, Long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            User user = get(id);
            requireVersion(user, expectedVersion);
            List<Bson> changes = new ArrayList<>();
            if (update.name() != null) {
                user.setName(update.name().strip());
                changes.add(Updates.set("name", user.getName()));
            }
            if (update.preferences() != null) {
                Preferences current = user.getPreferences();
                Theme theme = update.preferences().theme() == null ? current.getTheme()
                        : Theme.valueOf(update.preferences().theme().toUpperCase(Locale.ROOT));
                boolean notifications = update.preferences().notifications() == null ? current.isNotifications()
                        : update.preferences().notifications();
                user.setPreferences(new Preferences(theme, notifications));
                changes.add(Updates.set("preferences", new Document("theme", theme.name())
                        .append("notifications", notifications)));
            }
            if (update.password() != null) {
                checkCurrentPassword(user, update.currentPassword());
                user.setPasswordHash(passwordHasher.hash(update.password().toCharArray()));
                changes.add(Updates.set("passwordHash", user.getPasswordHash()));
            }
            if (changes.isEmpty()) {
                return UserView.of(user);
            }
            if (store.updateIfVersion(id, user.getVersion(), changes)) {
                user.changeWritten();
                if (update.password() != null) {
                    log.info(() -> "account " + id + " changed its password");
                    // Every session of the account ends with the old password, this one included.
                    revokedTokens.revokeIssuedBefore(id, Instant.now());
                    passwordChanged.fire(new PasswordChanged(id));
                }
                dataChanged.fire(DataChanged.forUser(id));
                return UserView.of(user);
            }
            retryOrGiveUp(attempt, expectedVersion);
        }
    }

    /** The current password is checked like a sign-in: the same lock-out, so this is no unthrottled oracle. */
    private void checkCurrentPassword(User user, String given) {
        Duration locked = lockout.remainingLock(user.getEmail());
        if (!locked.isZero()) {
            throw new TooManyRequestsException("Too many wrong passwords for this account; try again later",
                    Math.max(1, locked.toSeconds()));
        }
        char[] currentPassword = given == null ? new char[0] : given.toCharArray();
        if (!passwordHasher.matches(currentPassword, user.getPasswordHash())) {
            lockout.failed(user.getEmail());
            throw ApiException.invalid("currentPassword", "does not match the current password");
        }
        lockout.succeeded(user.getEmail());
    }

    /** Sets the account's role from its current state; the tokens issued with the old role stop working. */
    public User changeRole(String id, Role role, Long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            User user = get(id);
            requireVersion(user, expectedVersion);
            Role previous = user.getRole();
            if (previous == role) {
                return user;
            }
            if (store.updateIfVersion(id, user.getVersion(), List.of(Updates.set("role", role.name())))) {
                user.setRole(role);
                user.changeWritten();
                // Roles travel in tokens: the ones issued with the old role stop working now, on every node.
                revokedTokens.revokeIssuedBefore(id, Instant.now());
                log.info(() -> "account " + id + " now has role " + role);
                audit.record("user.role-change", AuditOutcome.SUCCESS, id, Map.of("from", String.valueOf(previous),
                        "to", role.name()));
                dataChanged.fire(DataChanged.forUser(id));
                return user;
            }
            retryOrGiveUp(attempt, expectedVersion);
        }
    }

    private static void requireVersion(User user, Long expectedVersion) {
        if (expectedVersion != null && user.getVersion() != expectedVersion) {
            throw ApiException.preconditionFailed("The account has changed since version " + expectedVersion);
        }
    }

    /** After a lost race: try again from the new state, unless the client asked for the version it saw. */
    private static void retryOrGiveUp(int attempt, Long expectedVersion) {
        if (expectedVersion != null) {
            throw ApiException.preconditionFailed("The account has changed since version " + expectedVersion);
        }
        if (attempt >= WRITE_ATTEMPTS) {
            throw ApiException.conflict("The account kept changing while this change was made; try again");
        }
    }

    /** A page of all accounts, oldest first. */
    public PageView<UserView> list(PageRequest page) {
        return store.list(page);
    }

    /**
     * Deletes an account and everything it owns. Its tokens are revoked first, then the account is marked (it can no
     * longer sign in nor change), then its data goes, then the account itself: a crash at any point leaves either an
     * account whose sessions merely ended, or a marked account that {@link #finishDeletion(String)} completes on the
     * next sweep, never orphaned data of a usable account nor a marked account whose tokens still work.
     */
    public void delete(String id) {
        get(id);
        revokedTokens.revokeIssuedBefore(id, Instant.now());
        store.markDeleted(id, new Date());
        finishDeletion(id);
    }

    /**
     * Revokes every token of a marked account (again: also those of a sign-in that raced the mark, and all of them
     * after a crash before the first revocation), removes what it still owns, then the account. Idempotent.
     */
    public void finishDeletion(String id) {
        revokedTokens.revokeIssuedBefore(id, Instant.now());
        // Each feature removes what the account owns (tasks through the archive's order, so no move in flight
        // brings one back); then its counters and the account itself.
        accountDeleted.fire(new AccountDeleted(id));
        // Request counters are kept by user id (UserActivity writes them behind).
        mongo.database().getCollection(UserActivityWriter.COLLECTION).deleteOne(Filters.eq("_id", id));
        users.deleteById(id);
        dataChanged.fire(DataChanged.forUser(id));
        log.info(() -> "account " + id + " deleted");
    }

    /** Ids of accounts whose deletion was started but not finished. */
    public List<String> pendingDeletions() {
        return store.pendingDeletions();
    }

    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoWriteException w && w.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
