package app.pdeck.security.ratelimit;

import app.pdeck.platform.problem.TooManyRequestsException;
import app.pdeck.platform.redis.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RScript;
import org.redisson.api.RateType;
import org.redisson.client.codec.StringCodec;

/**
 * Cluster-wide budgets on Redisson's {@link RRateLimiter} (a sliding window in Redis, shared by every node and every
 * connection). Limits are read from configuration at each use, so operators can change them at run time.
 *
 * <p><b>Fails open</b>: when Redis does not answer within {@code pdeck.ratelimit.redis-timeout-ms}, the request is
 * let through and Redis is not asked again for {@code pdeck.ratelimit.redis-retry-ms}, so an outage of Redis never
 * turns into refused sign-ins or 5xx; one warning is logged per outage. Passwords are still checked (PBKDF2) and
 * the lock-out falls back the same way.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    Config config;

    private volatile long redisFailedAt;
    private volatile boolean redisDown;

    RateLimit limit(String name) {
        long permits = config.getValue("pdeck.ratelimit." + name + ".permits", Long.class);
        long windowSeconds = config.getValue("pdeck.ratelimit." + name + ".window-seconds", Long.class);
        return new RateLimit(name, permits, Duration.ofSeconds(Math.max(1, windowSeconds)));
    }

    /**
     * True for addresses in {@code pdeck.ratelimit.exempt-addresses} (e.g. a monitoring probe or the test suite on
     * loopback): sign-in and registration budgets per address and per account do not apply to them.
     */
    public boolean isExempt(String address) {
        String spec = config.getOptionalValue("pdeck.ratelimit.exempt-addresses", String.class).orElse("");
        for (String entry : spec.split(",")) {
            if (!entry.isBlank() && entry.strip().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /** Takes one request from the subject's budget for the named limit; throws when it is spent. */
    public void acquire(String name, String hashTaggedSubject, String whatIsLimited) {
        take(name, whatIsLimited, (limit, timeoutMs) -> tryAcquire(
                redis.client().getRateLimiter(limit.key(hashTaggedSubject)), limit, timeoutMs));
    }

    /** One attempt to take from a budget in Redis: true when it fits. */
    @FunctionalInterface
    private interface BudgetCall {
        boolean fits(RateLimit limit, long timeoutMs) throws InterruptedException, ExecutionException,
                TimeoutException;
    }

    /** The rules every budget shares: off when disabled, fail open while Redis does not answer, 429 when spent. */
    private void take(String name, String whatIsLimited, BudgetCall call) {
        RateLimit limit = limit(name);
        if (!limit.enabled() || skipRedis()) {
            return;
        }
        long timeoutMs = config.getValue("pdeck.ratelimit.redis-timeout-ms", Long.class);
        boolean fits;
        try {
            fits = call.fits(limit, timeoutMs);
            redisAnswered();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            redisFailed(e);
            return;
        }
        if (!fits) {
            throw new TooManyRequestsException("Too many " + whatIsLimited + "; try again later",
                    limit.retryAfterSeconds());
        }
    }

    /**
     * One round trip for a budget in use: Redisson's acquire script refreshes the budget's keep-alive itself, so the
     * budget only has to be created (two windows of keep-alive: idle budgets disappear from Redis) when the acquire
     * reports that it does not exist yet or has expired. Creating is "set if absent", so nodes racing here agree.
     */
    private static boolean tryAcquire(RRateLimiter limiter, RateLimit limit, long timeoutMs)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return limiter.tryAcquireAsync().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!isUninitialized(e)) {
                throw e;
            }
        }
        limiter.trySetRateAsync(RateType.OVERALL, limit.permits(), limit.window(), limit.window().multipliedBy(2))
                .toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
        return limiter.tryAcquireAsync().toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    static boolean isUninitialized(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("RateLimiter is not initialized")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes one request from a high-volume budget ({@link WindowCounter}: one round trip, O(1) in Redis, approximate
     * at window edges); throws when it is spent. Fails open like {@link #acquire}.
     */
    public void count(String name, String hashTaggedSubject, String whatIsLimited) {
        take(name, whatIsLimited, (limit, timeoutMs) -> {
            long now = System.currentTimeMillis();
            Long count = redis.client().getScript(StringCodec.INSTANCE)
                    .<Long>evalAsync(RScript.Mode.READ_WRITE, WindowCounter.SCRIPT, RScript.ReturnType.INTEGER,
                            WindowCounter.keys(limit, hashTaggedSubject, now), String.valueOf(limit.permits()),
                            String.valueOf(limit.window().toMillis()),
                            String.valueOf(WindowCounter.elapsedInWindow(limit, now)))
                    .toCompletableFuture().get(timeoutMs, TimeUnit.MILLISECONDS);
            return count == null || count >= 0;
        });
    }

    /**
     * One request against a high-volume budget, for a caller that takes it inside a script of its own (the request
     * gate: revocation, budget and cache versions in one round trip). Null when the budget is switched off.
     *
     * @param keys the two counters of {@link WindowCounter}, on the subject's hash slot
     */
    public record WindowTake(List<Object> keys, long permits, long windowMillis, long elapsedMillis,
                             long retryAfterSeconds) {
    }

    public WindowTake windowTake(String name, String hashTaggedSubject) {
        RateLimit limit = limit(name);
        if (!limit.enabled()) {
            return null;
        }
        long now = System.currentTimeMillis();
        return new WindowTake(WindowCounter.keys(limit, hashTaggedSubject, now), limit.permits(),
                limit.window().toMillis(), WindowCounter.elapsedInWindow(limit, now), limit.retryAfterSeconds());
    }

    /** The answer to a request that did not fit its budget. */
    public static TooManyRequestsException refused(WindowTake take, String whatIsLimited) {
        return new TooManyRequestsException("Too many " + whatIsLimited + "; try again later",
                take.retryAfterSeconds());
    }

    /** True while a recent Redis failure says not to wait for it again yet. */
    boolean skipRedis() {
        if (!redisDown) {
            return false;
        }
        long retryMs = config.getValue("pdeck.ratelimit.redis-retry-ms", Long.class);
        return System.nanoTime() - redisFailedAt < TimeUnit.MILLISECONDS.toNanos(retryMs);
    }

    void redisFailed(Exception e) {
        redisFailedAt = System.nanoTime();
        if (!redisDown) {
            redisDown = true;
            log.warning("Abuse limits cannot reach Redis (" + e.getClass().getSimpleName()
                    + "); requests are let through unlimited until it answers again");
        }
    }

    void redisAnswered() {
        if (redisDown) {
            redisDown = false;
            log.info("Abuse limits reach Redis again");
        }
    }
}
