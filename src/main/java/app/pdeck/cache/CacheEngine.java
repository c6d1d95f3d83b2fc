package app.pdeck.cache;

import app.pdeck.platform.LatencyWindow;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the cache annotations do, without CDI: look up, load once per key, store as JSON with a jittered TTL, and
 * invalidate by versions rather than by deleting keys.
 *
 * <p><b>Why there are no stale entries.</b> Every key contains the global epoch and, for caches with a
 * {@link CacheOwner}, the owner's generation, both read from the store <em>before</em> the database is read. A write
 * bumps the generation <em>after</em> the database write. A reader that loaded old data therefore stores it under
 * the old generation, which no later reader asks for; old entries expire by TTL.
 *
 * <p><b>Redis trouble.</b> Every store call goes through {@link RedisBreaker}; when it is open, calls go straight to
 * the method (the database). An invalidation that cannot be written opens the breaker, and the breaker only closes
 * after the global epoch was bumped, so nothing cached before the outage is read after it.
 *
 * <p><b>Near cache.</b> Decoded values are also kept in this JVM ({@link NearCache}) under the same versioned keys,
 * so a hit costs one Redis round trip (the key versions) and no decoding. Removing or flushing entries therefore also moves
 * a version on (the owner's generation, or the epoch), so that no other node's near cache serves them either.
 */
final class CacheEngine {

    private static final Object MISS = new Object();

    private final CacheBackend store;
    private final CacheSettings settings;
    private final RedisBreaker breaker;
    private final ObjectMapper json;
    private final Logger log;
    private final NearCache near;
    private final SingleFlight singleFlight = new SingleFlight();
    private final ConcurrentHashMap<String, CacheCounters> counters = new ConcurrentHashMap<>();
    private final LongAdder invalidations = new LongAdder();
    private final LongAdder invalidationFailures = new LongAdder();
    private final ThreadLocal<BumpRecorder> bumpRecorder = new ThreadLocal<>();
    private final ThreadLocal<RequestVersions> requestVersions = new ThreadLocal<>();
    /** Every store call (a Redis round trip, or a few in one script/batch), answered or failed. */
    private final LatencyWindow redisCalls = new LatencyWindow();
    private final LongAdder redisCallCount = new LongAdder();
    private final LongAdder redisCallNanos = new LongAdder();
    private volatile Consumer<CacheCounters> onNewCache = c -> { };

    CacheEngine(CacheBackend store, CacheSettings settings, RedisBreaker breaker, ObjectMapper json, Logger log) {
        this(store, settings, breaker, json, log, new NearCache(0, 0));
    }

    CacheEngine(CacheBackend store, CacheSettings settings, RedisBreaker breaker, ObjectMapper json, Logger log,
                NearCache near) {
        this.near = near;
        this.store = store;
        this.settings = settings;
        this.breaker = breaker;
        this.json = json;
        this.log = log;
    }

    void onNewCache(Consumer<CacheCounters> listener) {
        this.onNewCache = listener;
        counters.values().forEach(listener);
    }

    // --- @CacheResult --------------------------------------------------------------------------------------

    Object result(CachedMethod m, Object target, Object[] args, Callable<Object> proceed) throws Exception {
        if (!settings.enabled() || Boolean.FALSE.equals(m.cacheable)) {
            return proceed.call();
        }
        CacheCounters c = counters(m.cacheName);
        String owner = m.owner(args);
        KeyVersions versions = readVersions(c, owner);
        if (versions == null) {
            // No Redis: straight to the database. No single flight either: a caller arriving after a write must
            // not share a load that started before it, and without key versions we cannot tell.
            c.bypassed.increment();
            return load(c, proceed);
        }
        String key = versions.render(owner) + "|" + m.keyPart(target, args);
        if (!m.skipGet) {
            Object held = near.get(m.cacheName, key);
            if (held != NearCache.ABSENT) {
                c.hits.increment();
                c.nearHits.increment();
                return m.optional ? Optional.ofNullable(held) : held;
            }
            String cached = guarded(c, () -> store.get(m.cacheName, key), null);
            if (cached != null) {
                Object value = decode(m, c, cached);
                if (value != MISS) {
                    c.hits.increment();
                    near.put(m.cacheName, key, value, cached.length(), nearTtlMillis(m.cacheName, value));
                    return m.optional ? Optional.ofNullable(value) : value;
                }
            }
        }
        c.misses.increment();
        Object result = singleFlight.run(m.cacheName + '\u0000' + key, () -> load(c, proceed),
                value -> store(m, c, key, m.optional ? ((Optional<?>) value).orElse(null) : value));
        return result;
    }

    /**
     * The versions a lookup is keyed by: those the request gate read for this request's caller in its round trip,
     * when they are for this owner and the breaker is closed, else read from the store now. Reading them at the
     * start of the request is as safe as reading them here: either way they were read before the database is.
     */
    private KeyVersions readVersions(CacheCounters c, String owner) {
        RequestVersions read = requestVersions.get();
        if (read != null && (owner == null || owner.equals(read.owner())) && breaker.state() == RedisBreaker.State.CLOSED) {
            c.prefetchedScopes.increment();
            return owner == null ? new KeyVersions(read.versions().epoch(), 0) : read.versions();
        }
        return guarded(c, () -> store.versions(owner), null);
    }

    /** Remembers, for the rest of this request on this thread, the versions of its caller's data. */
    void useForThisRequest(String owner, long epoch, long generation) {
        requestVersions.set(new RequestVersions(owner, new KeyVersions(epoch, generation)));
    }

    /**
     * A validator of everything cached for {@code owner} as this request sees it ({@code g<generation>e<epoch>}),
     * from the versions the request gate read; null when there are none (the answer then has no such tag).
     */
    String versionTag(String owner) {
        RequestVersions read = requestVersions.get();
        if (read == null || !read.owner().equals(owner) || breaker.state() != RedisBreaker.State.CLOSED) {
            return null;
        }
        return "g" + read.versions().generation() + "e" + read.versions().epoch();
    }

    void forgetRequestVersions() {
        requestVersions.remove();
    }

    private record RequestVersions(String owner, KeyVersions versions) {
    }

    // --- @CachePut -----------------------------------------------------------------------------------------

    Object put(CachedMethod m, Object target, Object[] args, Callable<Object> proceed) throws Exception {
        if (!settings.enabled()) {
            return proceed.call();
        }
        CacheCounters c = counters(m.cacheName);
        String owner = m.owner(args);
        KeyVersions before = guarded(c, () -> store.versions(owner), null);
        String keyPart = m.keyPart(target, args);
        if (!m.afterInvocation) {
            if (before != null) {
                store(m, c, before.render(owner) + "|" + keyPart, args[m.valueParam]);
            }
            return proceed.call();
        }
        BumpRecorder outer = bumpRecorder.get();
        BumpRecorder recorder = new BumpRecorder();
        bumpRecorder.set(recorder);
        Object result;
        try {
            result = proceed.call();
        } finally {
            if (outer == null) {
                bumpRecorder.remove();
            } else {
                bumpRecorder.set(outer);
                outer.merge(recorder);
            }
        }
        if (before == null) {
            c.bypassed.increment();
            return result;
        }
        KeyVersions versions = owner == null ? before : recorder.safeVersions(owner, before);
        if (versions == null) {
            // Another write to this owner's data interleaved with ours: our value may already be outdated.
            c.skippedPuts.increment();
            return result;
        }
        Object value = m.valueParam >= 0 ? args[m.valueParam] : result;
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        store(m, c, versions.render(owner) + "|" + keyPart, value);
        return result;
    }

    // --- @CacheRemove / @CacheRemoveAll --------------------------------------------------------------------

    Object remove(CachedMethod m, Object target, Object[] args, Callable<Object> proceed) throws Exception {
        if (!m.afterInvocation) {
            removeNow(m, target, args);
            return proceed.call();
        }
        Object result = proceed.call();
        removeNow(m, target, args);
        return result;
    }

    private void removeNow(CachedMethod m, Object target, Object[] args) {
        if (!settings.enabled()) {
            return;
        }
        CacheCounters c = counters(m.cacheName);
        String owner = m.owner(args);
        String keyPart = m.keyPart(target, args);
        KeyVersions versions = guarded(c, () -> store.versions(owner), null);
        if (versions == null) {
            return;
        }
        String key = versions.render(owner) + "|" + keyPart;
        near.remove(m.cacheName, key);
        if (Boolean.TRUE.equals(guarded(c, () -> store.remove(m.cacheName, key), false))) {
            c.removals.increment();
        }
        // Other nodes may hold the entry in their near caches: move the version on so that none reads it again.
        if (owner != null) {
            userDataChanged(owner);
        } else {
            allUserDataChanged();
        }
    }

    Object removeAll(CachedMethod m, Callable<Object> proceed) throws Exception {
        if (!m.afterInvocation) {
            flush(m.cacheName);
            return proceed.call();
        }
        Object result = proceed.call();
        flush(m.cacheName);
        return result;
    }

    /** Removes every entry of one cache; true if the store answered. */
    boolean flush(String cacheName) {
        CacheCounters c = counters(cacheName);
        near.clear(cacheName);
        Boolean done = guarded(c, () -> {
            store.clear(cacheName);
            return true;
        }, false);
        if (done) {
            c.removals.increment();
            // The near caches of the other nodes still hold this cache's entries under valid keys.
            allUserDataChanged();
        }
        return done;
    }

    // --- invalidation --------------------------------------------------------------------------------------

    /** Makes every cached entry of this user's data unreachable. Call after the database write. */
    void userDataChanged(String ownerId) {
        // This request's own write outdates the versions read at its start.
        requestVersions.remove();
        invalidations.increment();
        BumpRecorder recorder = bumpRecorder.get();
        Long generation = bump("generation of user " + ownerId, () -> store.bumpGeneration(ownerId));
        if (recorder != null) {
            recorder.record(ownerId, generation);
        }
    }

    /** Makes every cached entry unreachable (bulk changes: archive, restore, migrations). */
    void allUserDataChanged() {
        requestVersions.remove();
        invalidations.increment();
        bump("global epoch", store::bumpEpoch);
    }

    private Long bump(String what, Supplier<Long> bump) {
        switch (breaker.acquire()) {
            case SKIP -> {
                // Redis is known to be down: the epoch bump made before the breaker closes covers this write.
                invalidationFailures.increment();
                return null;
            }
            case RECOVER -> {
                // The recovery bumps the epoch, which covers this write as well (or, failing, stays open).
                recover();
                return null;
            }
            default -> {
                try {
                    Long value = timed(bump);
                    breaker.success();
                    return value;
                } catch (RuntimeException e) {
                    invalidationFailures.increment();
                    breaker.forceOpen("could not bump the " + what + ": " + describe(e));
                    return null;
                }
            }
        }
    }

    // --- statistics ----------------------------------------------------------------------------------------

    Map<String, CacheStatsView> statistics() {
        Map<String, CacheStatsView> views = new TreeMap<>();
        counters.forEach((name, c) -> views.put(name, c.view(settings.ttlSecondsOf(name))));
        return views;
    }

    boolean knows(String cacheName) {
        return counters.containsKey(cacheName);
    }

    void register(String cacheName) {
        counters(cacheName);
    }

    /** Hits among all lookups of every cache since the deployment started; NaN before the first lookup. */
    double hitRatio() {
        long hits = 0;
        long lookups = 0;
        for (CacheCounters c : counters.values()) {
            long h = c.hits.sum();
            hits += h;
            lookups += h + c.misses.sum();
        }
        return lookups == 0 ? Double.NaN : (double) hits / lookups;
    }

    LatencyWindow.Snapshot recentRedisCalls() {
        return redisCalls.snapshot();
    }

    long redisCalls() {
        return redisCallCount.sum();
    }

    long redisCallNanos() {
        return redisCallNanos.sum();
    }

    long invalidations() {
        return invalidations.sum();
    }

    long invalidationFailures() {
        return invalidationFailures.sum();
    }

    RedisBreaker.State breakerState() {
        return breaker.state();
    }

    int loadsInFlight() {
        return singleFlight.inFlight();
    }

    // --- internals -----------------------------------------------------------------------------------------

    private Object load(CacheCounters c, Callable<Object> proceed) throws Exception {
        long started = System.nanoTime();
        try {
            return proceed.call();
        } finally {
            c.loaded(System.nanoTime() - started);
        }
    }

    private void store(CachedMethod m, CacheCounters c, String key, Object value) {
        String encoded;
        try {
            encoded = json.writerFor(m.valueType).writeValueAsString(value);
            if (m.cacheable == null) {
                json.readerFor(m.valueType).readValue(encoded);
                m.cacheable = true;
            }
        } catch (Exception e) {
            m.cacheable = false;
            log.warning(() -> "Cache " + m.cacheName + ": values of " + m.describe() + " (" + m.valueType
                    + ") do not survive a JSON round trip, so it is not cached: " + describe(e));
            return;
        }
        long ttl = isEmpty(value)
                ? Math.max(1000L, settings.negativeTtlSeconds() * 1000L)
                : Ttl.jitteredMillis(settings.ttlSecondsOf(m.cacheName), settings.jitter());
        Boolean stored = guarded(c, () -> {
            store.put(m.cacheName, key, encoded, ttl);
            return true;
        }, false);
        if (stored) {
            c.puts.increment();
            near.put(m.cacheName, key, value, encoded.length(), ttl);
        }
    }

    private long nearTtlMillis(String cacheName, Object value) {
        return isEmpty(value) ? Math.max(1000L, settings.negativeTtlSeconds() * 1000L)
                : settings.ttlSecondsOf(cacheName) * 1000L;
    }

    RenderedJson renderedJson() {
        return near.rendered();
    }

    long nearEntries() {
        return near.size();
    }

    private Object decode(CachedMethod m, CacheCounters c, String cached) {
        try {
            return json.readerFor(m.valueType).readValue(cached);
        } catch (Exception e) {
            c.errors.increment();
            if (m.decodeFailureLogged.compareAndSet(false, true)) {
                log.warning(() -> "Cache " + m.cacheName + ": a stored value is not a " + m.valueType
                        + " (written by another version?); treated as a miss: " + describe(e));
            }
            return MISS;
        }
    }

    private <T> T guarded(CacheCounters c, Supplier<T> call, T fallback) {
        if (!usable()) {
            return fallback;
        }
        try {
            T result = timed(call);
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            c.errors.increment();
            breaker.failure(describe(e));
            return fallback;
        }
    }

    private <T> T timed(Supplier<T> call) {
        long started = System.nanoTime();
        try {
            return call.get();
        } finally {
            long nanos = System.nanoTime() - started;
            redisCalls.record(nanos);
            redisCallCount.increment();
            redisCallNanos.add(nanos);
        }
    }

    private boolean usable() {
        return switch (breaker.acquire()) {
            case USE -> true;
            case SKIP -> false;
            case RECOVER -> recover();
        };
    }

    private boolean recover() {
        try {
            long epoch = store.bumpEpoch();
            breaker.recovered("Redis answers again; global epoch bumped to " + epoch
                    + " so nothing cached before the outage is read");
            return true;
        } catch (RuntimeException e) {
            breaker.recoveryFailed(describe(e));
            return false;
        }
    }

    private CacheCounters counters(String cacheName) {
        CacheCounters existing = counters.get(cacheName);
        if (existing != null) {
            return existing;
        }
        CacheCounters created = new CacheCounters(cacheName);
        CacheCounters raced = counters.putIfAbsent(cacheName, created);
        if (raced != null) {
            return raced;
        }
        try {
            onNewCache.accept(created);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "cannot publish metrics of cache " + cacheName, e);
        }
        return created;
    }

    static boolean isEmpty(Object value) {
        return value == null
                || value instanceof Collection<?> collection && collection.isEmpty()
                || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof Optional<?> optional && optional.isEmpty()
                || value.getClass().isArray() && Array.getLength(value) == 0;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message != null && message.length() > 200) {
            message = message.substring(0, 200);
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message.replace('\n', ' '));
    }

    /** The generations this thread wrote during one {@code @CachePut} call, per owner. */
    private static final class BumpRecorder {
        private final Map<String, long[]> bumps = new HashMap<>();
        private boolean failed;

        void record(String ownerId, Long generation) {
            if (generation == null) {
                failed = true;
                return;
            }
            long[] entry = bumps.computeIfAbsent(ownerId, k -> new long[2]);
            entry[0]++;
            entry[1] = generation;
        }

        void merge(BumpRecorder inner) {
            failed |= inner.failed;
            inner.bumps.forEach((owner, entry) -> {
                long[] mine = bumps.computeIfAbsent(owner, k -> new long[2]);
                mine[0] += entry[0];
                mine[1] = entry[1];
            });
        }

        /**
         * The versions a value written by this call may be stored under: the generation read before the call if the
         * call changed nothing, the generation this call produced if no other write bumped in between, else null.
         */
        KeyVersions safeVersions(String ownerId, KeyVersions before) {
            if (failed) {
                return null;
            }
            long[] entry = bumps.get(ownerId);
            if (entry == null) {
                return before;
            }
            return entry[1] == before.generation() + entry[0] ? new KeyVersions(before.epoch(), entry[1]) : null;
        }
    }
}
