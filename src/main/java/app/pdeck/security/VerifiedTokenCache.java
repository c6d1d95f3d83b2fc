package app.pdeck.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Tokens whose signature, issuer and expiry this node has already verified, by their exact text. A client sends the
 * same token with every request until it expires; verifying RS256 and parsing the claims again each time was the
 * largest cost of a cached read after JSON (see docs/benchmarks.md).
 *
 * <p>Only what cannot change for a given text is remembered: an entry never outlives the token's {@code exp} nor
 * {@code maxHold}. Everything that can change while a token lives — revocation, the state of its signing key, the
 * user's account — is still checked on every request by {@link BearerAuthentication}.
 */
final class VerifiedTokenCache {

    private final Cache<String, Caller> tokens;
    private final LongSupplier epochMillis;

    VerifiedTokenCache(long maxEntries, Duration maxHold, Ticker ticker, LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
        long maxHoldNanos = maxHold.toNanos();
        this.tokens = maxEntries <= 0 || maxHoldNanos <= 0 ? null : Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(new Expiry<String, Caller>() {
                    @Override
                    public long expireAfterCreate(String raw, Caller token, long now) {
                        long untilExpiry = token.expiresAtMillis()
                                - epochMillis.getAsLong();
                        return Math.max(0, Math.min(maxHoldNanos, TimeUnit.MILLISECONDS.toNanos(untilExpiry)));
                    }

                    @Override
                    public long expireAfterUpdate(String raw, Caller token, long now, long remaining) {
                        return remaining;
                    }

                    @Override
                    public long expireAfterRead(String raw, Caller token, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    /** The verified token for this text, or null when it has to be verified (again). */
    Caller get(String raw) {
        if (tokens == null) {
            return null;
        }
        Caller token = tokens.getIfPresent(raw);
        // Caffeine expires lazily; the clock decides, so an expired token is never handed out.
        if (token != null && token.expiresAtMillis() <= epochMillis.getAsLong()) {
            tokens.invalidate(raw);
            return null;
        }
        return token;
    }

    /** Remembers a token that was just verified (a token without an expiry is never remembered). */
    void put(String raw, Caller verified) {
        if (tokens != null && verified.expiresAtMillis() > 0) {
            tokens.put(raw, verified);
        }
    }

    void clear() {
        if (tokens != null) {
            tokens.invalidateAll();
        }
    }

    long size() {
        return tokens == null ? 0 : tokens.estimatedSize();
    }
}
