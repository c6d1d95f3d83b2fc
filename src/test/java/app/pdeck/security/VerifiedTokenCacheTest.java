package app.pdeck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong epochMillis = new AtomicLong(1_700_000_000_000L);

    @Test
    void aVerifiedTokenIsReturnedForTheSameText() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        Caller token = tokenExpiringIn(Duration.ofMinutes(30));

        cache.put("text", token);

        assertSame(token, cache.get("text"));
        assertNull(cache.get("other text"));
    }

    @Test
    void aTokenIsNeverHandedOutAfterItsExpiry() {
        VerifiedTokenCache cache = cache(100, Duration.ofHours(1));
        Caller token = tokenExpiringIn(Duration.ofSeconds(30));
        cache.put("text", token);

        advance(Duration.ofSeconds(29));
        assertSame(token, cache.get("text"));

        advance(Duration.ofSeconds(1));
        assertNull(cache.get("text"), "expired: it must be verified again, and then refused");
    }

    @Test
    void anEntryIsHeldNoLongerThanTheConfiguredMaximum() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        cache.put("text", tokenExpiringIn(Duration.ofHours(1)));

        advance(Duration.ofMinutes(5).plusMillis(1));

        assertNull(cache.get("text"));
    }

    @Test
    void zeroEntriesTurnsItOff() {
        VerifiedTokenCache cache = cache(0, Duration.ofMinutes(5));
        cache.put("text", tokenExpiringIn(Duration.ofHours(1)));

        assertNull(cache.get("text"));
        assertEquals(0, cache.size());
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        VerifiedTokenCache cache = cache(100, Duration.ofMinutes(5));
        cache.put("text", token(0));

        assertNull(cache.get("text"));
    }

    private VerifiedTokenCache cache(long maxEntries, Duration maxHold) {
        return new VerifiedTokenCache(maxEntries, maxHold, nanos::get, epochMillis::get);
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
        epochMillis.addAndGet(duration.toMillis());
    }

    private Caller tokenExpiringIn(Duration duration) {
        return token(TimeUnit.MILLISECONDS.toSeconds(epochMillis.get() + duration.toMillis()));
    }

    private static Caller token(long expiresAtEpochSecond) {
        return new Caller(null, "user", null, java.util.Set.of(), "jti", "kid", 0, expiresAtEpochSecond * 1000,
                "session");
    }
}
