package app.pdeck.security.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void retryAfterIsTheWindowSharedOutOverItsPermitsRoundedUp() {
        assertEquals(3, new RateLimit("login-address", 20, Duration.ofSeconds(60)).retryAfterSeconds());
        assertEquals(7, new RateLimit("x", 9, Duration.ofSeconds(60)).retryAfterSeconds());
        assertEquals(1, new RateLimit("api", 6000, Duration.ofSeconds(60)).retryAfterSeconds());
    }

    @Test
    void zeroPermitsSwitchesALimitOff() {
        assertFalse(new RateLimit("api", 0, Duration.ofSeconds(60)).enabled());
        assertTrue(new RateLimit("api", 1, Duration.ofSeconds(60)).enabled());
    }

    @Test
    void keysCarryTheSubjectsHashTagAndTheRateSoANewSettingStartsAFreshBudget() {
        RateLimit limit = new RateLimit("api", 600, Duration.ofSeconds(60));
        String key = limit.key(RateLimitSubjects.user("u-1"));
        assertTrue(key.endsWith("{u:u-1}"), key);
        assertNotEquals(key, new RateLimit("api", 60, Duration.ofSeconds(60)).key(RateLimitSubjects.user("u-1")));
    }

    @Test
    void accountSubjectsHashTheNormalizedEmail() {
        assertEquals(RateLimitSubjects.account("Ada@Example.org "), RateLimitSubjects.account("ada@example.org"));
        assertFalse(RateLimitSubjects.account("ada@example.org").contains("ada"));
        assertEquals("{ip:203.0.113.1}", RateLimitSubjects.address("203.0.113.1"));
    }

    @Test
    void lockOutsDoubleUpToTheMaximum() {
        assertEquals(Duration.ofSeconds(30), LoginLockout.lockDuration(1, 30, 3600));
        assertEquals(Duration.ofSeconds(60), LoginLockout.lockDuration(2, 30, 3600));
        assertEquals(Duration.ofSeconds(1920), LoginLockout.lockDuration(7, 30, 3600));
        assertEquals(Duration.ofSeconds(3600), LoginLockout.lockDuration(8, 30, 3600));
        assertEquals(Duration.ofSeconds(3600), LoginLockout.lockDuration(500, 30, 3600));
    }

    @Test
    void aBudgetMissingFromRedisIsToldApartFromOtherFailures() {
        // What Redisson reports when the acquire script finds no budget (never created, or expired while idle).
        Exception missing = new java.util.concurrent.ExecutionException(new org.redisson.client.RedisException(
                "ERR user_script:1: RateLimiter is not initialized script: abc, on @user_script:1.."));
        Exception down = new java.util.concurrent.ExecutionException(
                new org.redisson.client.RedisTimeoutException("Command execution timeout"));

        assertTrue(RateLimiter.isUninitialized(missing));
        assertFalse(RateLimiter.isUninitialized(down));
    }
}
