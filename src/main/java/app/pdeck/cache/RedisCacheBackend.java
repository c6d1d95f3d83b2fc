package app.pdeck.cache;

import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.CacheAsync;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.jcache.JCachingProvider;
import org.redisson.jcache.configuration.RedissonConfiguration;

/**
 * The cache store on Redis: one JCache (Redisson's provider, on the application's {@link RedissonClient}) per cache
 * name, holding JSON strings, plus the version counters of {@link KeyVersions}. Every call waits at most
 * {@code timeoutMillis}, whatever Redisson's own timeouts and retries are, and throws when Redis does not answer.
 */
final class RedisCacheBackend implements CacheBackend, AutoCloseable {

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
    private volatile Binding binding;

    /**
     * The JCaches of one {@link RedissonClient}. When the application swaps its client (credential rotation), the
     * next call builds a new binding on the new client; the old one is closed, its client is closed by its owner.
     */
    private static final class Binding {
        final RedissonClient redisson;
        // Our own provider instance (not the static javax.cache.Caching registry), so nothing outlives the deployment.
        final JCachingProvider provider = new JCachingProvider();
        final CacheManager manager;
        final Map<String, Cache<String, String>> caches = new ConcurrentHashMap<>();

        Binding(RedissonClient redisson) {
            this.redisson = redisson;
            this.manager = provider.getCacheManager(provider.getDefaultURI(), RedisCacheBackend.class.getClassLoader(),
                    new Properties());
        }

        void close() {
            manager.close();
            provider.close();
        }
    }

    /**
     * @param clients the application's current client, asked on every call
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
        this.binding = new Binding(clients.get());
    }

    private Binding binding() {
        RedissonClient current = clients.get();
        Binding bound = binding;
        if (bound.redisson == current) {
            return bound;
        }
        synchronized (this) {
            if (binding.redisson != current) {
                Binding previous = binding;
                binding = new Binding(current);
                previous.close();
            }
            return binding;
        }
    }

    @Override
    public KeyVersions versions(String ownerId) {
        if (ownerId == null) {
            String epoch = await(binding().redisson.<String>getBucket(EPOCH_KEY, StringCodec.INSTANCE).getAsync());
            return epoch == null ? new KeyVersions(startEpoch(), 0) : new KeyVersions(parse(epoch), 0);
        }
        Map<String, String> values = await(binding().redisson.getBuckets(StringCodec.INSTANCE)
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
        RBucket<String> bucket = binding().redisson.getBucket(EPOCH_KEY, StringCodec.INSTANCE);
        await(bucket.setIfAbsentAsync(String.valueOf(System.currentTimeMillis())));
        return parse(await(bucket.getAsync()));
    }

    @Override
    public String get(String cacheName, String key) {
        return await(async(cacheName).getAsync(key));
    }

    @Override
    public void put(String cacheName, String key, String json, long ttlMillis) {
        CompletionStage<Void> put;
        PerEntryExpiry.NEXT_TTL_MILLIS.set(ttlMillis);
        try {
            // Redisson reads the expiry policy synchronously inside putAsync, in this thread.
            put = async(cacheName).putAsync(key, json);
        } finally {
            PerEntryExpiry.NEXT_TTL_MILLIS.remove();
        }
        await(put);
    }

    @Override
    public boolean remove(String cacheName, String key) {
        return Boolean.TRUE.equals(await(async(cacheName).removeAsync(key)));
    }

    @Override
    public void clear(String cacheName) {
        Cache<String, String> cache = cache(cacheName);
        await(CompletableFuture.runAsync(cache::clear));
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
        RedissonClient redisson = binding().redisson;
        if (syncReplicas == 0) {
            return await(redisson.getAtomicLong(key).incrementAndGetAsync(), bumpTimeoutMillis);
        }
        RBatch batch = redisson.createBatch(BatchOptions.defaults()
                .sync(syncReplicas, java.time.Duration.ofMillis(Math.max(1, bumpTimeoutMillis / 2))));
        batch.getAtomicLong(key).incrementAndGetAsync();
        BatchResult<?> result = await(batch.executeAsync(), bumpTimeoutMillis);
        return ((Number) result.getResponses().get(0)).longValue();
    }

    @Override
    public void close() {
        binding.close();
    }

    @SuppressWarnings("unchecked")
    private CacheAsync<String, String> async(String cacheName) {
        return (CacheAsync<String, String>) cache(cacheName);
    }

    private Cache<String, String> cache(String cacheName) {
        Binding bound = binding();
        return bound.caches.computeIfAbsent(cacheName, name -> {
            MutableConfiguration<String, String> config = new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setExpiryPolicyFactory(PerEntryExpiry.FACTORY)
                    .setStatisticsEnabled(false)
                    .setManagementEnabled(false);
            return bound.manager.createCache(CACHE_PREFIX + name,
                    RedissonConfiguration.fromInstance(bound.redisson, config));
        });
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

    /**
     * JCache knows one expiry per cache; we need one per entry (jitter, short TTL for empty results). Redisson asks
     * the policy while the put is issued, in the calling thread, so the TTL travels in a thread-local.
     */
    static final class PerEntryExpiry implements ExpiryPolicy {
        static final ThreadLocal<Long> NEXT_TTL_MILLIS = new ThreadLocal<>();
        static final Factory<ExpiryPolicy> FACTORY = PerEntryExpiry::new;
        private static final Duration FALLBACK = new Duration(TimeUnit.SECONDS, 60);

        @Override
        public Duration getExpiryForCreation() {
            return next();
        }

        @Override
        public Duration getExpiryForAccess() {
            return null;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return next();
        }

        private static Duration next() {
            Long ttl = NEXT_TTL_MILLIS.get();
            return ttl == null ? FALLBACK : new Duration(TimeUnit.MILLISECONDS, ttl);
        }
    }
}
