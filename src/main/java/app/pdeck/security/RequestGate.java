package app.pdeck.security;

import app.pdeck.cache.CacheRuntime;
import app.pdeck.platform.redis.LuaScript;
import app.pdeck.platform.redis.RedisBatches;
import app.pdeck.platform.redis.RedisConnection;
import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.security.ratelimit.RateLimitSubjects;
import app.pdeck.security.ratelimit.RateLimiter;
import app.pdeck.security.ratelimit.RateLimiter.WindowTake;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The one Redis round trip of an authenticated request: a script on the caller's hash slot ({@code {u:<id>}}) that
 * answers whether the token is revoked (a per-user "valid after" watermark and per-token entries), takes one
 * request from the user's API budget and returns the versions the user's cached data is keyed by (generation,
 * and on a single server or Sentinel also the global epoch; on Redis Cluster the epoch lives on another slot and is
 * read by a second command sent at the same time). The cache then needs no round trip of its own for the versions
 * ({@link CacheRuntime#useVersionsForThisRequest}).
 *
 * <p><b>Revocations survive Redis.</b> MongoDB holds them ({@link RevocationStore}); Redis holds a copy per user
 * ({@code {u:<id>}:auth}) marked {@code loaded}. A copy that is missing (Redis restarted empty, failed over to a
 * replica without it, evicted, expired) is loaded from MongoDB before the request is answered. A revocation
 * removes the mark and counts a revision ({@code rv}); a load only installs its copy when no revision happened
 * since it read MongoDB, so a revocation racing a load is never lost.
 *
 * <p><b>Redis unavailable</b>: the request is answered from MongoDB for revocations, the budget is not taken (it fails
 * open, like every budget) and the cache reads its versions itself (its breaker decides); Redis is tried again after
 * {@code pdeck.gate.redis-retry-ms}. A revocation that could not reach Redis is retried; until it has, this node
 * answers that user's requests from MongoDB.
 */
@ApplicationScoped
public class RequestGate {

    /** The caller's requests may go on; anything else is answered by {@link BearerAuthentication}. */
    public enum Verdict { ADMITTED, REVOKED }

    static final String AUTH_SUFFIX = ":auth";

    // The scripts are public for the contract tests that run them on real Redis Cluster and Sentinel deployments.

    /**
     * KEYS: auth state, generation, budget window now, budget window before, [epoch]. ARGV: jti, issued-at ms,
     * take budget (1/0), permits, window ms, ms elapsed in the window, now ms. Answers {0, generation, epoch} when
     * admitted, {1} revoked, {2} over budget, {3, revision} when the state must be loaded from MongoDB first.
     */
    public static final LuaScript ADMIT = new LuaScript("""
            local state = redis.call('hmget', KEYS[1], 'loaded', 'va', 'j:' .. ARGV[1], 'rv')
            if not state[1] then
              return {3, tonumber(state[4] or '0')}
            end
            if state[3] or (state[2] and tonumber(ARGV[2]) < tonumber(state[2])) then
              return {1}
            end
            if ARGV[3] == '1' then
              local window = tonumber(ARGV[5])
              local current = tonumber(redis.call('get', KEYS[3]) or '0')
              local previous = tonumber(redis.call('get', KEYS[4]) or '0')
              if previous * (window - tonumber(ARGV[6])) / window + current + 1 > tonumber(ARGV[4]) then
                return {2}
              end
              if redis.call('incr', KEYS[3]) == 1 then
                redis.call('pexpire', KEYS[3], window * 2)
              end
            end
            local generation = redis.call('get', KEYS[2]) or '0'
            local epoch = ''
            if KEYS[5] then
              epoch = redis.call('get', KEYS[5])
              if not epoch then
                redis.call('set', KEYS[5], ARGV[7], 'NX')
                epoch = redis.call('get', KEYS[5])
              end
            end
            return {0, generation, epoch}
            """);

    /** KEYS: auth state. ARGV: revision read before MongoDB, TTL ms, valid-after ms, revoked jtis… Answers 1 if installed. */
    public static final LuaScript LOAD = new LuaScript("""
            if tonumber(redis.call('hget', KEYS[1], 'rv') or '0') ~= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('del', KEYS[1])
            redis.call('hset', KEYS[1], 'loaded', '1', 'rv', ARGV[1], 'va', ARGV[3])
            for i = 4, #ARGV do
              redis.call('hset', KEYS[1], 'j:' .. ARGV[i], '1')
            end
            redis.call('pexpire', KEYS[1], ARGV[2])
            return 1
            """);

    /** KEYS: auth state. ARGV: TTL ms. Makes every node load the state again, and fails loads in flight. */
    public static final String REVOKED = """
            redis.call('hdel', KEYS[1], 'loaded')
            redis.call('hincrby', KEYS[1], 'rv', 1)
            redis.call('pexpire', KEYS[1], ARGV[1])
            return 1
            """;

    private static final int MAX_LOADS = 3;

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    RateLimiter limiter;

    @Inject
    CacheRuntime cache;

    @Inject
    RevocationStore durable;

    @Inject
    @ConfigProperty(name = "pdeck.gate.redis-timeout-ms")
    long timeoutMs;

    @Inject
    @ConfigProperty(name = "pdeck.gate.redis-retry-ms")
    long retryMs;

    @Inject
    @ConfigProperty(name = "pdeck.jwt.ttl-minutes")
    long tokenTtlMinutes;

    private final Set<String> notYetInRedis = ConcurrentHashMap.newKeySet();
    private final ReentrantLock retrying = new ReentrantLock();
    private volatile long redisFailedAt;
    private volatile boolean redisDown;

    /**
     * Decides whether the caller's request may go on: not revoked, and (when {@code takeBudget}) within its API
     * budget, else throws the 429. Admitted requests leave the caller's cache versions to the cache. Public only
     * because CDI's proxies call package-private methods reflectively; {@link BearerAuthentication} is its caller.
     */
    public Verdict admit(Caller caller, boolean takeBudget) {
        return admit(caller, takeBudget, null);
    }

    /**
     * {@link #admit(Caller, boolean)} for a request that reads the caller's data as {@code route} (its path and
     * query; null for any other request). When the cache expects that route to look up an entry in Redis
     * ({@link CacheRuntime#prefetchFor}), the script and a {@code GET} of that entry go in one batch, and the entry
     * is handed to the cache if the script's versions are those it was keyed by: a hit outside the near cache then
     * costs this one round trip too. Not on Redis Cluster, where the entry lives on another slot than the caller's
     * state. (A {@code GET} inside the script would be atomic too, but Redis then copies a 60 kB page through Lua
     * twice: ≈ 40 µs more of Redis CPU per hit, measured, against ≈ 5 µs for the plain {@code GET}.)
     */
    public Verdict admit(Caller caller, boolean takeBudget, String route) {
        String userId = caller.userId();
        if (!notYetInRedis.isEmpty()) {
            retryPendingRevocations();
        }
        if (skipRedis() || notYetInRedis.contains(userId)) {
            return fromMongo(caller);
        }
        WindowTake take = takeBudget ? limiter.windowTake("api", RateLimitSubjects.user(userId)) : null;
        CacheRuntime.VersionKeys versions = cache.versionKeys(userId);
        boolean cluster = redis.topology().mode() == RedisTopology.Mode.CLUSTER;
        List<Object> keys = new ArrayList<>(5);
        keys.add(authKey(userId));
        keys.add(versions.generation());
        keys.add(take == null ? versions.generation() : take.keys().get(0));
        keys.add(take == null ? versions.generation() : take.keys().get(1));
        CacheRuntime.Prefetch prefetch = null;
        if (!cluster) {
            keys.add(versions.epoch());
            prefetch = route == null ? null : cache.prefetchFor(userId, route);
        }
        Object[] args = {caller.tokenId(), String.valueOf(caller.issuedAtMillis()), take == null ? "0" : "1",
                take == null ? "0" : String.valueOf(take.permits()),
                take == null ? "1" : String.valueOf(take.windowMillis()),
                take == null ? "0" : String.valueOf(take.elapsedMillis()), String.valueOf(System.currentTimeMillis())};
        try {
            RedissonClient client = redis.client();
            for (int load = 0; load <= MAX_LOADS; load++) {
                CompletionStage<String> epoch = cluster
                        ? client.<String>getBucket(versions.epoch(), StringCodec.INSTANCE).getAsync() : null;
                Batched batched = load == 0 && prefetch != null ? admitReading(client, keys, args, prefetch) : null;
                List<Object> answer = batched != null ? batched.answer()
                        : await(ADMIT.call(client, RScript.ReturnType.MULTI, keys, args));
                long status = (Long) answer.get(0);
                if (status == 0) {
                    redisAnswered();
                    String epochValue = cluster ? await(epoch) : (String) answer.get(2);
                    if (epochValue != null && !epochValue.isEmpty()) {
                        long epochNow = Long.parseLong(epochValue);
                        long generation = Long.parseLong((String) answer.get(1));
                        cache.useVersionsForThisRequest(userId, epochNow, generation);
                        if (batched != null && prefetch.epoch() == epochNow && prefetch.generation() == generation) {
                            cache.usePrefetched(prefetch, batched.entry());
                        }
                    }
                    return Verdict.ADMITTED;
                }
                if (status == 1) {
                    redisAnswered();
                    return Verdict.REVOKED;
                }
                if (status == 2) {
                    redisAnswered();
                    throw RateLimiter.refused(take, "requests for this account");
                }
                load(client, caller, (Long) answer.get(1));
            }
            // Revocations kept racing our loads: MongoDB has the answer.
            return fromMongo(caller);
        } catch (RedisUnavailable e) {
            redisFailed(e);
            return fromMongo(caller);
        }
    }

    /** The script's answer and the entry read right after it, in the same round trip. */
    private record Batched(List<Object> answer, byte[] entry) {
    }

    /**
     * The script and a {@code GET} of the prefetched entry in one batch; null when Redis does not know the script
     * yet (then the plain call loads it). The entry is read after the script on the same connection, so it is what
     * the key held no earlier than the versions were read: as current as a {@code GET} sent after the answer.
     */
    private Batched admitReading(RedissonClient client, List<Object> keys, Object[] args,
                                 CacheRuntime.Prefetch prefetch) {
        RBatch batch = client.createBatch(BatchOptions.defaults());
        RFuture<List<Object>> answer = ADMIT.queue(batch, StringCodec.INSTANCE, RScript.ReturnType.MULTI, keys, args);
        RFuture<byte[]> entry = batch.<byte[]>getBucket(prefetch.redisKey(), ByteArrayCodec.INSTANCE).getAsync();
        boolean known = await(RedisBatches.execute(batch).handle((result, error) -> {
            if (error == null) {
                return true;
            }
            if (LuaScript.isNoScript(error)) {
                return false;
            }
            throw new CompletionException(error);
        }));
        return known ? new Batched(answer.toCompletableFuture().join(), entry.toCompletableFuture().join()) : null;
    }

    /** After a revocation is stored in MongoDB: every node loads this user's state again before its next request. */
    public void revoked(String userId) {
        try {
            tellRedis(userId);
        } catch (RedisUnavailable e) {
            notYetInRedis.add(userId);
            log.warning(() -> "Redis unavailable while recording a revocation; MongoDB holds it, this node answers "
                    + "the account's requests from MongoDB until Redis has it (" + e.getMessage() + ")");
        }
    }

    private void tellRedis(String userId) {
        RedissonClient client = redis.client();
        int replicas = redis.replicasToAwait();
        BatchOptions options = BatchOptions.defaults();
        if (replicas > 0) {
            // A promoted replica without this write would go on serving the old state.
            options = options.sync(replicas, Duration.ofMillis(Math.max(1, timeoutMs)));
        }
        RBatch batch = client.createBatch(options);
        batch.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, REVOKED,
                RScript.ReturnType.INTEGER, List.of(authKey(userId)), String.valueOf(stateTtlMillis()));
        await(RedisBatches.execute(batch), timeoutMs * 2);
    }

    private void load(RedissonClient client, Caller caller, long revision) {
        RevocationStore.UserRevocations state = durable.stateOf(caller.userId(), caller.tokenId());
        List<Object> args = new ArrayList<>(3 + state.tokenIds().size());
        args.add(String.valueOf(revision));
        args.add(String.valueOf(stateTtlMillis()));
        args.add(String.valueOf(state.validAfterMillis()));
        args.addAll(state.tokenIds());
        await(LOAD.call(client, RScript.ReturnType.INTEGER, List.of(authKey(caller.userId())), args.toArray()));
    }

    private Verdict fromMongo(Caller caller) {
        return durable.isRevoked(caller) ? Verdict.REVOKED : Verdict.ADMITTED;
    }

    private void retryPendingRevocations() {
        if (skipRedis() || !retrying.tryLock()) {
            return;
        }
        try {
            for (String userId : notYetInRedis) {
                tellRedis(userId);
                notYetInRedis.remove(userId);
            }
            log.info("Revocations recorded while Redis was unavailable are in Redis now");
        } catch (RedisUnavailable e) {
            redisFailed(e);
        } finally {
            retrying.unlock();
        }
    }

    /** A user's copy lives as long as a token does; when it goes, the next request loads it again. */
    private long stateTtlMillis() {
        return TimeUnit.MINUTES.toMillis(tokenTtlMinutes);
    }

    /** The Redis key of a user's revocation state (on the user's hash slot). */
    public static String authKey(String userId) {
        return RateLimitSubjects.user(userId) + AUTH_SUFFIX;
    }

    private boolean skipRedis() {
        return redisDown && System.nanoTime() - redisFailedAt < TimeUnit.MILLISECONDS.toNanos(retryMs);
    }

    private void redisFailed(RedisUnavailable e) {
        redisFailedAt = System.nanoTime();
        if (!redisDown) {
            redisDown = true;
            log.warning(() -> "The request gate cannot reach Redis (" + e.getMessage() + "); revocations are "
                    + "checked in MongoDB and API budgets are not taken until it answers again");
        }
    }

    private void redisAnswered() {
        if (redisDown) {
            redisDown = false;
            log.info("The request gate reaches Redis again");
        }
    }

    private <T> T await(CompletionStage<T> stage) {
        return await(stage, timeoutMs);
    }

    private static <T> T await(CompletionStage<T> stage, long waitMs) {
        try {
            return stage.toCompletableFuture().get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stage.toCompletableFuture().cancel(false);
            throw new RedisUnavailable("no answer from Redis within " + waitMs + " ms");
        } catch (ExecutionException e) {
            throw new RedisUnavailable(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailable("interrupted while waiting for Redis");
        }
    }

    /** Redis did not answer in time, or failed. */
    private static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(String message) {
            super(message, null, false, false);
        }
    }
}
