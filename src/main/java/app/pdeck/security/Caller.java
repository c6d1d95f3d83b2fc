package app.pdeck.security;

import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified access token, reduced to what every request needs: whose it is, what it may do, which key signed it
 * and when it was issued. Worked out once per token and node ({@link VerifiedTokenCache}), so no request parses
 * the token's header or claims again.
 *
 * @param token the verified MicroProfile JWT (the request's principal)
 * @param keyId the {@code kid} of the signing key, checked against the key states of now on every request
 * @param issuedAtMillis when it was issued, to the millisecond where the token says so ({@link TokenIssuer})
 * @param sessionId the sign-in session the token belongs to ({@link Sessions}); null for tokens issued before
 *                  sessions existed
 */
public record Caller(JsonWebToken token, String userId, String email, Set<String> groups, String tokenId,
                     String keyId, long issuedAtMillis, long expiresAtMillis, String sessionId) {

    /** The claim naming the token's session. */
    static final String SESSION_ID = "sid";

    /** The claim with the issue time in milliseconds: {@code iat} has only seconds (RFC 7519 NumericDate). */
    static final String ISSUED_AT_MILLIS = "pdeck_iat_ms";

    static Caller of(JsonWebToken token, String keyId) {
        long issuedAtMillis = token.getIssuedAtTime() * 1000L;
        Object precise = token.getClaim(ISSUED_AT_MILLIS);
        if (precise instanceof Number number) {
            issuedAtMillis = number.longValue();
        } else if (precise instanceof jakarta.json.JsonNumber number) {
            issuedAtMillis = number.longValue();
        }
        Set<String> groups = token.getGroups() == null ? Set.of() : Set.copyOf(token.getGroups());
        return new Caller(token, token.getSubject(), token.getClaim("upn"), groups, token.getTokenID(), keyId,
                issuedAtMillis, token.getExpirationTime() * 1000L, token.getClaim(SESSION_ID));
    }

    public boolean hasRole(String role) {
        return groups.contains(role);
    }
}
