package app.pdeck.security.ratelimit;

import app.pdeck.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.redisson.api.RAtomicLong;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;

/**
 * Locks an account's sign-in after {@code pdeck.login.lockout.threshold} failed attempts in a row for a period that
 * doubles with every lock-out ({@code base-seconds}, 2×, 4× … up to {@code max-seconds}); a successful sign-in resets
 * both. Keyed by the email's hash ({@link RateLimitSubjects#account}), so unknown emails behave exactly like real
 * ones. State lives in Redis and is shared by all nodes; without Redis nothing is locked (fails open, like the
 * rate limits — see {@link RateLimiter}).
 */
@ApplicationScoped
public class LoginLockout {

    @Inject
    RedisConnection redis;

    @Inject
    RateLimiter limiter;

    @Inject
    Config config;

    /** The lock's remaining time, or {@link Duration#ZERO} when sign-in is open. */
    public Duration remainingLock(String email) {
        if (limiter.skipRedis()) {
            return Duration.ZERO;
        }
        try {
            long ttl = locked(redis.client(), email).remainTimeToLive();
            limiter.redisAnswered();
            return ttl > 0 ? Duration.ofMillis(ttl) : Duration.ZERO;
        } catch (RuntimeException e) {
            limiter.redisFailed(e);
            return Duration.ZERO;
        }
    }

    /** Counts a failed attempt; returns the lock it started, or {@link Duration#ZERO}. */
    public Duration failed(String email) {
        if (limiter.skipRedis()) {
            return Duration.ZERO;
        }
        try {
            RedissonClient client = redis.client();
            String subject = RateLimitSubjects.account(email);
            RAtomicLong failures = client.getAtomicLong("pdeck:login:failures:" + subject);
            long count = failures.incrementAndGet();
            failures.expire(Duration.ofSeconds(setting("failure-window-seconds")));
            limiter.redisAnswered();
            if (count < setting("threshold")) {
                return Duration.ZERO;
            }
            failures.delete();
            RAtomicLong lockouts = client.getAtomicLong("pdeck:login:lockouts:" + subject);
            long n = lockouts.incrementAndGet();
            lockouts.expire(Duration.ofSeconds(setting("memory-seconds")));
            Duration lock = lockDuration(n, setting("base-seconds"), setting("max-seconds"));
            locked(client, email).set(Boolean.TRUE, lock);
            return lock;
        } catch (RuntimeException e) {
            limiter.redisFailed(e);
            return Duration.ZERO;
        }
    }

    public void succeeded(String email) {
        if (limiter.skipRedis()) {
            return;
        }
        try {
            String subject = RateLimitSubjects.account(email);
            redis.client().getKeys().delete("pdeck:login:failures:" + subject, "pdeck:login:lockouts:" + subject);
        } catch (RuntimeException e) {
            limiter.redisFailed(e);
        }
    }

    /** base × 2^(n-1), capped at max. */
    static Duration lockDuration(long lockoutNumber, long baseSeconds, long maxSeconds) {
        long shift = Math.min(Math.max(0, lockoutNumber - 1), 30);
        long seconds = baseSeconds > maxSeconds >> shift ? maxSeconds : baseSeconds << shift;
        return Duration.ofSeconds(Math.min(seconds, maxSeconds));
    }

    private RBucket<Boolean> locked(RedissonClient client, String email) {
        return client.getBucket("pdeck:login:locked:" + RateLimitSubjects.account(email));
    }

    private long setting(String name) {
        return config.getValue("pdeck.login.lockout." + name, Long.class);
    }
}
