package app.pdeck.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Revokes access tokens on every node at once: first durably in MongoDB ({@link RevocationStore}, which survives a
 * Redis restart, failover or eviction), then by telling Redis that the user's revocation state must be loaded
 * again ({@link RequestGate#revoked}). The order matters: any node that reloads after this call sees the revocation.
 */
@ApplicationScoped
public class RevokedTokens {

    @Inject
    RevocationStore durable;

    @Inject
    RequestGate gate;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.ttl-minutes")
    long tokenTtlMinutes;

    /** Logout: this one token stops working. */
    public void revokeToken(String userId, String tokenId, Instant expiresAt) {
        durable.recordToken(userId, tokenId, expiresAt);
        gate.revoked(userId);
    }

    /**
     * Every token of this account issued before now stops working (deletion, role change, password change); tokens
     * issued afterwards carry the account's new state. Call it after the change is stored.
     */
    public void revokeIssuedBefore(String userId, Instant changedAt) {
        durable.recordIssuedBefore(userId, changedAt, changedAt.plus(tokenTtlMinutes, ChronoUnit.MINUTES)
                .plus(1, ChronoUnit.MINUTES));
        gate.revoked(userId);
    }
}
