package app.pdeck.security;

import app.pdeck.user.User;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Issues MicroProfile JWT access tokens: RS256, {@code kid}, issuer, subject = user id, groups = role, jti,
 * and the issue time in milliseconds ({@link Caller#ISSUED_AT_MILLIS}). */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.issuer")
    String issuer;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.ttl-minutes")
    long ttlMinutes;

    /**
     * @param accountReadAt when {@code user} was read: the token's issue time, so that a revocation by time stored
     *                      after that read (a role change, say) also refuses this token
     */
    public IssuedToken issue(User user, Instant accountReadAt, String sessionId) {
        Instant issuedAt = accountReadAt.truncatedTo(ChronoUnit.MILLIS);
        Instant now = issuedAt.truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(Duration.ofMinutes(ttlMinutes));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.getId())
                .claim("upn", user.getEmail())
                .claim("groups", List.of(user.getRole().name()))
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                // Revocation by time ("every token issued before T") needs more than iat's whole seconds.
                .claim(Caller.ISSUED_AT_MILLIS, issuedAt.toEpochMilli())
                .claim(Caller.SESSION_ID, sessionId)
                .expirationTime(Date.from(expiresAt))
                .build();
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(keys.signingKey().getKeyID())
                .type(JOSEObjectType.JWT)
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new RSASSASigner(keys.signingKey()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), claims.getJWTID(), expiresAt);
    }
}
