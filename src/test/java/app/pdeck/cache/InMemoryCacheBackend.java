package app.pdeck.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link CacheBackend} in memory for unit tests: can be taken "down", counts calls and remembers TTLs. */
final class InMemoryCacheBackend implements CacheBackend {

    final Map<String, byte[]> entries = new ConcurrentHashMap<>();
    final Map<String, Long> ttls = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
    final AtomicLong epoch = new AtomicLong();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean down;

    @Override
    public KeyVersions versions(String ownerId) {
        touch();
        return new KeyVersions(epoch.get(), ownerId == null ? 0 : generation(ownerId).get());
    }

    @Override
    public byte[] get(String cacheName, String key) {
        touch();
        return entries.get(cacheName + "/" + key);
    }

    @Override
    public void put(String cacheName, String key, byte[] json, long ttlMillis) {
        touch();
        entries.put(cacheName + "/" + key, json);
        ttls.put(cacheName + "/" + key, ttlMillis);
    }

    @Override
    public boolean remove(String cacheName, String key) {
        touch();
        return entries.remove(cacheName + "/" + key) != null;
    }

    @Override
    public void clear(String cacheName) {
        touch();
        entries.keySet().removeIf(k -> k.startsWith(cacheName + "/"));
    }

    @Override
    public long bumpGeneration(String ownerId) {
        touch();
        return generation(ownerId).incrementAndGet();
    }

    @Override
    public long bumpEpoch() {
        touch();
        return epoch.incrementAndGet();
    }

    AtomicLong generation(String ownerId) {
        return generations.computeIfAbsent(ownerId, k -> new AtomicLong());
    }

    private void touch() {
        calls.incrementAndGet();
        if (down) {
            throw new IllegalStateException("store is down");
        }
    }
}
