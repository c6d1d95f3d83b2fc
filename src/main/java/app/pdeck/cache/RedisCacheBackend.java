package app.pdeck.cache;

import app.pdeck.platform.redis.RedisBatches;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * The cache store on Redis, through the application's {@link RedissonClient}: an entry is one Redis string
 * ({@code pdeck:cache:<cache>:<versioned key>}) with its own TTL, read with one {@code GET} and written with one
 * {@code SET … PX}; beside them the version counters of {@link KeyVersions}. Every call waits at most
 * {@code timeoutMillis}, whatever Redisson's own timeouts and retries are, and throws when Redis does not answer.
 *
 * <p>Not Redisson's JCache provider, which this store used before: its {@code get} is a Lua script that also reads
 * the cache's expiry bookkeeping, and measured ≈ 240 µs of Redis CPU for a 53 kB page against ≈ 20 µs for a
 * {@code GET}; and JCache knows one expiry per cache where every entry needs its own (jitter, short TTL for empty
 * answers).
 */
final class RedisCacheBackend implements CacheBackend {

    static final String EPOCH_KEY = "pdeck:cache:epoch";
    static final String CACHE_PREFIX = "pdeck:cache:";

    /** Per-user counters share the user's hash slot in Redis Cluster ({@code {u:<id>}}). */
    static String generationKey(String ownerId) {
        return "{u:" + ownerId + "}:gen";
    }

    private final Supplier<RedissonClient> clients;
    private final long timeoutMillis;
    private final long bumpTimeoutMillis;
    private final int syncReplicas;

    /**
     * @param clients the application's current client, asked on every call (it changes on credential rotation)
     * @param timeoutMillis the longest wait for a read or a put
     * @param bumpTimeoutMillis the longest wait for an invalidation (generation or epoch bump)
     * @param syncReplicas replicas that must have a generation or epoch bump before it counts as done (Redis WAIT);
     *                     a bump that fails this fails like Redis being down, so the breaker covers it
     */
    RedisCacheBackend(Supplier<RedissonClient> clients, long timeoutMillis, long bumpTimeoutMillis, int syncReplicas) {
        this.clients = clients;
        this.timeoutMillis = timeoutMillis;
        this.bumpTimeoutMillis = Math.max(timeoutMillis, bumpTimeoutMillis);
        this.syncReplicas = syncReplicas;
    }

    static String entryKey(String cacheName, String key) {
        return CACHE_PREFIX + cacheName + ":" + key;
    }

    @Override
    public KeyVersions versions(String ownerId) {
        if (ownerId == null) {
            String epoch = await(clients.get().<String>getBucket(EPOCH_KEY, StringCodec.INSTANCE).getAsync());
            return epoch == null ? new KeyVersions(startEpoch(), 0) : new KeyVersions(parse(epoch), 0);
        }
        Map<String, String> values = await(clients.get().getBuckets(StringCodec.INSTANCE)
                .<String>getAsync(EPOCH_KEY, generationKey(ownerId)));
        String epoch = values.get(EPOCH_KEY);
        return new KeyVersions(epoch == null ? startEpoch() : parse(epoch), parse(values.get(generationKey(ownerId))));
    }

    /**
     * A Redis without the epoch was restarted empty or flushed, so the owners' generations start again at 0 and
     * would repeat keys that the nodes' near caches still hold. The new epoch is the clock in milliseconds, which
     * every earlier epoch (an older clock plus the few bumps since) is below.
     */
    private long startEpoch() {
        RBucket<String> bucket = clients.get().getBucket(EPOCH_KEY, StringCodec.INSTANCE);
        await(bucket.setIfAbsentAsync(String.valueOf(System.currentTimeMillis())));
        return parse(await(bucket.getAsync()));
    }

    @Override
    public byte[] get(String cacheName, String key) {
        return await(entry(cacheName, key).getAsync());
    }

    @Override
    public void put(String cacheName, String key, byte[] value, long ttlMillis) {
        await(entry(cacheName, key).setAsync(value, Duration.ofMillis(ttlMillis)));
    }

    @Override
    public boolean remove(String cacheName, String key) {
        return await(entry(cacheName, key).deleteAsync());
    }

    /** Deletes the cache's entries (SCAN and UNLINK on every master, in batches). */
    @Override
    public void clear(String cacheName) {
        await(clients.get().getKeys().unlinkByPatternAsync(CACHE_PREFIX + cacheName + ":*"), bumpTimeoutMillis);
    }

    /**
     * Deletes what Redisson's JCache provider, which kept the entries before 2026-12-02, left in Redis: one hash per
     * cache ({@code pdeck:cache:<name>}) and its side keys ({@code …{pdeck:cache:<name>}}). Nothing expires them once
     * no node runs that provider. Asynchronous, as it scans the key space; the answer is the number of keys deleted.
     */
    CompletionStage<Long> dropLegacyEntries(java.util.Collection<String> cacheNames) {
        RedissonClient redisson = clients.get();
        // One scan for every cache's side keys; today's keys carry no braces around the cache prefix.
        CompletionStage<Long> dropped = redisson.getKeys().unlinkByPatternAsync("*{" + CACHE_PREFIX + "*}*");
        for (String name : cacheNames) {
            String hash = CACHE_PREFIX + name;
            if (hash.equals(EPOCH_KEY)) {
                continue;
            }
            dropped = dropped.thenCompose(n -> redisson.getKeys().getTypeAsync(hash).thenCompose(type ->
                    type == org.redisson.api.RType.MAP
                            ? redisson.getKeys().unlinkAsync(hash).thenApply(m -> n + m)
                            : java.util.concurrent.CompletableFuture.completedFuture(n)));
        }
        return dropped;
    }

    private RBucket<byte[]> entry(String cacheName, String key) {
        return clients.get().getBucket(entryKey(cacheName, key), ByteArrayCodec.INSTANCE);
    }

    @Override
    public long bumpGeneration(String ownerId) {
        return increment(generationKey(ownerId));
    }

    @Override
    public long bumpEpoch() {
        startEpoch();
        return increment(EPOCH_KEY);
    }

    /**
     * Increments a counter; with replicas, in a batch that ends with WAIT so the new value survives the master's
     * failover (otherwise a promoted replica could hold the old generation and re-validate entries the write outdated).
     * A bump gets the longer {@code bumpTimeoutMillis}: the write it follows is already in MongoDB, and a bump given
     * up too early on a slow Redis lets the other nodes serve the entries it should have outdated.
     */
    private long increment(String key) {
        RedissonClient redisson = clients.get();
        if (syncReplicas == 0) {
            return await(redisson.getAtomicLong(key).incrementAndGetAsync(), bumpTimeoutMillis);
        }
        RBatch batch = redisson.createBatch(BatchOptions.defaults()
                .sync(syncReplicas, java.time.Duration.ofMillis(Math.max(1, bumpTimeoutMillis / 2))));
        batch.getAtomicLong(key).incrementAndGetAsync();
        BatchResult<?> result = await(RedisBatches.execute(batch), bumpTimeoutMillis);
        return ((Number) result.getResponses().get(0)).longValue();
    }

    private <T> T await(CompletionStage<T> stage) {
        return await(stage, timeoutMillis);
    }

    private <T> T await(CompletionStage<T> stage, long waitMillis) {
        try {
            return stage.toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stage.toCompletableFuture().cancel(false);
            throw new RedisUnavailable("no answer from Redis within " + waitMillis + " ms", e);
        } catch (ExecutionException e) {
            throw new RedisUnavailable(CacheEngine.describe(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailable("interrupted while waiting for Redis", e);
        }
    }

    private static long parse(String counter) {
        return counter == null ? 0L : Long.parseLong(counter);
    }

    /** A Redis call failed or took too long. */
    static final class RedisUnavailable extends RuntimeException {
        RedisUnavailable(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
