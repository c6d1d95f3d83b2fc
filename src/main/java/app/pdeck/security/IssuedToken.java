package app.pdeck.security;

import java.time.Instant;

/** A signed access token with its id ({@code jti}) and expiry. */
public record IssuedToken(String token, String tokenId, Instant expiresAt) {
}
