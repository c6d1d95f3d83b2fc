package app.pdeck.account;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.platform.http.RequestOrigin;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.ratelimit.LoginLockout;
import app.pdeck.security.ratelimit.RateLimitSubjects;
import app.pdeck.security.ratelimit.RateLimiter;
import app.pdeck.platform.problem.TooManyRequestsException;
import app.pdeck.user.Registration;
import app.pdeck.user.User;
import app.pdeck.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sign-in and registration behind the abuse limits: budgets per client address and per account (email), the
 * growing lock-out after failed sign-ins — answered exactly like a wrong password — and an audit entry for every
 * attempt, whatever its outcome.
 */
@ApplicationScoped
public class SignIn {

    @Inject
    Logger log;

    @Inject
    UserService userService;

    @Inject
    Sessions sessions;

    @Inject
    RateLimiter limiter;

    @Inject
    LoginLockout lockout;

    @Inject
    AuditTrail audit;

    /** Signs in: a new session with its first access token and refresh token. */
    public SessionTokens login(String email, String password, String userAgent) {
        String address = RequestOrigin.clientAddress().orElse("unknown");
        try {
            if (!limiter.isExempt(address)) {
                limiter.acquire("login-address", RateLimitSubjects.address(address),
                        "sign-in attempts from this address");
                limiter.acquire("login-account", RateLimitSubjects.account(email),
                        "sign-in attempts for this account");
            }
        } catch (TooManyRequestsException e) {
            audit.recordAs(null, email, "auth.login", AuditOutcome.DENIED, email, Map.of("reason", "rate-limited"));
            throw e;
        }
        Duration locked = lockout.remainingLock(email);
        // Before the account is read: a role change or revocation stored after this moment refuses the token.
        Instant readAt = Instant.now();
        Optional<User> user = userService.authenticate(email, password);
        if (!locked.isZero()) {
            audit.recordAs(user.map(User::getId).orElse(null), email, "auth.login", AuditOutcome.DENIED, email,
                    Map.of("reason", "account-locked", "lockedForSeconds", locked.toSeconds()));
            throw invalidCredentials();
        }
        if (user.isEmpty()) {
            Duration newLock = lockout.failed(email);
            audit.recordAs(null, email, "auth.login", AuditOutcome.FAILURE, email, newLock.isZero()
                    ? Map.of("reason", "invalid-credentials")
                    : Map.of("reason", "invalid-credentials", "lockedForSeconds", newLock.toSeconds()));
            if (!newLock.isZero()) {
                log.info(() -> "sign-in locked for " + newLock.toSeconds() + " s after repeated failures");
            }
            throw invalidCredentials();
        }
        lockout.succeeded(email);
        SessionTokens token = sessions.start(user.get(), readAt, userAgent, address);
        audit.recordAs(user.get().getId(), user.get().getEmail(), "auth.login", AuditOutcome.SUCCESS,
                user.get().getId(), Map.of("session", token.sessionId()));
        return token;
    }

    public User register(Registration registration) {
        String address = RequestOrigin.clientAddress().orElse("unknown");
        try {
            if (!limiter.isExempt(address)) {
                limiter.acquire("register-address", RateLimitSubjects.address(address),
                        "registrations from this address");
            }
        } catch (TooManyRequestsException e) {
            audit.recordAs(null, registration.email(), "auth.register", AuditOutcome.DENIED, registration.email(),
                    Map.of("reason", "rate-limited"));
            throw e;
        }
        try {
            User user = userService.register(registration);
            audit.recordAs(user.getId(), user.getEmail(), "auth.register", AuditOutcome.SUCCESS, user.getId(),
                    Map.of());
            return user;
        } catch (ApiException e) {
            audit.recordAs(null, registration.email(), "auth.register", AuditOutcome.FAILURE, registration.email(),
                    Map.of("reason", e.getMessage()));
            throw e;
        }
    }

    /** The one answer for an unknown email, a wrong password and a locked account. */
    static ApiException invalidCredentials() {
        return new ApiException(Response.Status.UNAUTHORIZED, "invalid-credentials", "Email or password is wrong");
    }
}
