package app.pdeck.security;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.user.User;
import app.pdeck.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in sessions for apps: a sign-in starts one; each refresh token is usable once and is replaced by the next
 * (rotation); presenting a replaced one again ends the whole session and its access tokens, as only a copy can be
 * presented twice (OAuth 2.0 Security BCP, refresh token rotation). Logout, a password change and the account's
 * deletion end sessions; MongoDB holds them (never Redis), so no restart or failover brings one back.
 */
@ApplicationScoped
public class Sessions {

    /** Where sessions live; never backed up nor restored, so a restore cannot bring back an ended session. */
    public static final String COLLECTION = "sessions";

    private static final Base64.Encoder SECRET_TEXT = Base64.getUrlEncoder().withoutPadding();
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    @Inject
    Logger log;

    @Inject
    SessionStore store;

    @Inject
    TokenIssuer tokenIssuer;

    @Inject
    RevokedTokens revokedTokens;

    @Inject
    UserService userService;

    @Inject
    AuditTrail audit;

    @Inject
    @ConfigProperty(name = "pdeck.session.ttl-days")
    long sessionTtlDays;

    /** A new session for an account that just proved its password; {@code accountReadAt} as for the token. */
    SessionTokens start(User user, Instant accountReadAt, String userAgent, String address) {
        String id = UUID.randomUUID().toString();
        String secret = newSecret();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(Duration.ofDays(sessionTtlDays));
        IssuedToken access = tokenIssuer.issue(user, accountReadAt, id);
        store.insert(new Document("_id", id).append("userId", user.getId()).append("refreshHash", hash(secret))
                .append("usedHashes", List.of())
                .append("tokens", List.of(new Document("jti", access.tokenId())
                        .append("expiresAt", Date.from(access.expiresAt()))))
                .append("createdAt", Date.from(now)).append("lastUsedAt", Date.from(now))
                .append("expiresAt", Date.from(expiresAt))
                .append("userAgent", userAgent == null ? null : truncate(userAgent, 200))
                .append("address", address));
        return new SessionTokens(access.token(), access.expiresAt(), id + "." + secret, expiresAt, id);
    }

    /**
     * The next access token and refresh token of the session {@code refreshToken} belongs to. A token that is not
     * the session's current one is refused (401); if it is one the session already replaced, the session ends.
     */
    public SessionTokens refresh(String refreshToken) {
        int dot = refreshToken == null ? -1 : refreshToken.indexOf('.');
        if (dot <= 0 || dot == refreshToken.length() - 1 || refreshToken.length() > 200) {
            throw refused();
        }
        String id = refreshToken.substring(0, dot);
        String usedHash = hash(refreshToken.substring(dot + 1));
        // Before the account is read: a revocation by time stored after this moment refuses the new token too.
        Instant readAt = Instant.now();
        Date now = new Date();
        String secret = newSecret();
        Optional<Document> session = store.rotate(id, usedHash, hash(secret), now);
        if (session.isEmpty()) {
            store.find(id).filter(s -> s.getDate("endedAt") == null && s.getList("usedHashes", String.class,
                    List.of()).contains(usedHash)).ifPresent(reused -> {
                        log.warning(() -> "session " + id + " ended: a replaced refresh token was presented again");
                        audit.recordAs(reused.getString("userId"), null, "auth.refresh", AuditOutcome.DENIED,
                                reused.getString("userId"), Map.of("reason", "refresh-token-reused", "session", id));
                        end(id, "refresh-token-reused");
                    });
            throw refused();
        }
        String userId = session.get().getString("userId");
        User user;
        try {
            user = userService.get(userId);
        } catch (ApiException gone) {
            end(id, "account-gone");
            throw refused();
        }
        IssuedToken access = tokenIssuer.issue(user, readAt, id);
        if (!store.addToken(id, access.tokenId(), Date.from(access.expiresAt()))) {
            // The session ended between the rotation and now: the token just made must not outlive it.
            revokedTokens.revokeToken(userId, access.tokenId(), access.expiresAt());
            throw refused();
        }
        store.forgetExpiredTokens(id, now);
        return new SessionTokens(access.token(), access.expiresAt(), id + "." + secret,
                session.get().getDate("expiresAt").toInstant(), id);
    }

    /** The caller's live sessions, newest first. */
    public List<SessionView> of(String userId, String currentSessionId) {
        return store.live(userId, new Date()).stream().map(d -> SessionView.of(d, currentSessionId)).toList();
    }

    /** Ends one of the user's sessions: its refresh token and every access token it was given stop working. */
    public void endOwn(String userId, String sessionId) {
        boolean owned = store.find(sessionId).map(d -> userId.equals(d.getString("userId"))).orElse(false);
        if (!owned || !end(sessionId, "ended-by-user")) {
            throw ApiException.notFound("Session");
        }
    }

    /** Ends every session of the account (password change, deletion, "sign out everywhere"). */
    public void endAll(String userId, String reason) {
        for (Document session : store.live(userId, new Date())) {
            end(session.getString("_id"), reason);
        }
    }

    /** Ends a session; false if it had already ended. The access tokens it was given are revoked after the mark. */
    boolean end(String sessionId, String reason) {
        Optional<Document> ended = store.end(sessionId, reason, new Date());
        ended.ifPresent(session -> {
            Instant now = Instant.now();
            for (Document token : session.getList("tokens", Document.class, List.of())) {
                Instant expiresAt = token.getDate("expiresAt").toInstant();
                if (expiresAt.isAfter(now)) {
                    revokedTokens.revokeToken(session.getString("userId"), token.getString("jti"), expiresAt);
                }
            }
        });
        return ended.isPresent();
    }

    private String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return SECRET_TEXT.encodeToString(bytes);
    }

    /** A plain SHA-256 suffices: the secret has 256 random bits, so there is nothing to guess from its hash. */
    static String hash(String secret) {
        try {
            return SECRET_TEXT.encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static ApiException refused() {
        return new ApiException(Response.Status.UNAUTHORIZED, "invalid-refresh-token",
                "The refresh token is not valid: sign in again");
    }
}
