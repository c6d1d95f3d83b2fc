package app.pdeck.security;

import java.time.Instant;

/** What a successful login answers. */
public record IssuedToken(String token, Instant expiresAt) {
}
