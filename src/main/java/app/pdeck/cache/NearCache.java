package app.pdeck.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.concurrent.TimeUnit;

/**
 * Values in this JVM, in front of Redis (decoded, or {@link Rendered} answers with their bytes). Safe without any cross-node messages because every key already
 * names the epoch and owner generation it was loaded under ({@link KeyVersions}): after a write, readers ask for a new key
 * and the old entry is simply never read again. What a hit saves is the Redis read and the JSON decode; the key
 * versions are still read from Redis on every request (in the request gate's round trip), which is what makes a
 * write on one node visible on all of them.
 *
 * <p>Values are shared between callers and must not be mutated (the cached types are records).
 */
final class NearCache {

    /** Returned by {@link #get} when nothing is held; null is a legitimate cached value (an empty Optional). */
    static final Object ABSENT = new Object();
    private static final Object NULL = new Object();

    private final Cache<String, Held> entries;
    private final long maxTtlMillis;

    /**
     * @param maxWeight the sum of the entries' JSON lengths this cache may hold (a proxy for heap use); 0 disables it
     * @param maxTtlMillis the longest an entry is kept, whatever the TTL it was stored with
     */
    NearCache(long maxWeight, long maxTtlMillis) {
        this.maxTtlMillis = maxTtlMillis;
        this.entries = maxWeight <= 0 || maxTtlMillis <= 0 ? null : Caffeine.newBuilder()
                .maximumWeight(maxWeight)
                .weigher((String key, Held held) -> key.length() + held.weight)
                .expireAfter(new Expiry<String, Held>() {
                    @Override
                    public long expireAfterCreate(String key, Held held, long now) {
                        return held.ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Held held, long now, long remaining) {
                        return held.ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Held held, long now, long remaining) {
                        return remaining;
                    }
                })
                .build();
    }

    boolean enabled() {
        return entries != null;
    }

    Object get(String cacheName, String key) {
        if (entries == null) {
            return ABSENT;
        }
        Held held = entries.getIfPresent(cacheName + '\u0000' + key);
        if (held == null) {
            return ABSENT;
        }
        return held.value == NULL ? null : held.value;
    }

    void put(String cacheName, String key, Object value, int jsonLength, long ttlMillis) {
        if (entries == null) {
            return;
        }
        long ttl = TimeUnit.MILLISECONDS.toNanos(Math.min(ttlMillis, maxTtlMillis));
        entries.put(cacheName + '\u0000' + key, new Held(value == null ? NULL : value, jsonLength, ttl));
    }

    void remove(String cacheName, String key) {
        if (entries != null) {
            entries.invalidate(cacheName + '\u0000' + key);
        }
    }

    void clear(String cacheName) {
        if (entries != null) {
            String prefix = cacheName + '\u0000';
            entries.asMap().keySet().removeIf(k -> k.startsWith(prefix));
        }
    }

    long size() {
        return entries == null ? 0 : entries.estimatedSize();
    }

    private record Held(Object value, int weight, long ttlNanos) {
    }
}
