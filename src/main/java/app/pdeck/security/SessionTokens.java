package app.pdeck.security;

import java.time.Instant;

/**
 * What a sign-in or a refresh answers: a short-lived access token ({@code token}, until {@code expiresAt}) and the
 * refresh token that gets the next one ({@code refreshToken}, usable once, until {@code refreshExpiresAt}).
 */
public record SessionTokens(String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt,
                            String sessionId) {
}
