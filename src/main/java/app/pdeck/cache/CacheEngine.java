package app.pdeck.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * What the cache annotations do, without CDI: {@code @CacheResult} looks up, loads once per key and stores with a
 * jittered TTL; {@code @CacheRemove}/{@code @CacheRemoveAll} and {@link #userDataChanged}/{@link #allUserDataChanged}
 * invalidate by moving versions on rather than by deleting keys. Redis calls go through {@link RedisCalls}, the
 * counters live in {@link CacheStatistics}.
 *
 * <p><b>Why there are no stale entries.</b> Every key contains the global epoch and, for caches with a
 * {@link CacheOwner}, the owner's generation, both read from the store <em>before</em> the database is read. A write
 * bumps the generation <em>after</em> the database write ({@link DataChanged}, the one way a write reaches the cache).
 * A reader that loaded old data therefore stores it under the old generation, which no later reader asks for; old
 * entries expire by TTL.
 *
 * <p><b>Near cache.</b> Values are also kept in this JVM ({@link NearCache}) under the same versioned keys, so a hit
 * costs no Redis read of its own (the versions come with the request gate's round trip) and no decoding. Removing or
 * flushing entries therefore also moves a version on, so that no other node's near cache serves them either.
 */
final class CacheEngine {

    private static final Object MISS = new Object();

    private final CacheSettings settings;
    private final RedisCalls redis;
    private final CacheBackend store;
    private final CacheStatistics statistics;
    private final RequestVersions requestVersions = new RequestVersions();
    private final ObjectMapper json;
    private final Logger log;
    private final NearCache near;
    private final SingleFlight singleFlight = new SingleFlight();
    private final LongAdder invalidations = new LongAdder();
    /**
     * The entry each recent route of each user looked up in Redis ({@link #prefetchFor}). Bounded: a forgotten hint
     * costs one round trip, and 20,000 of them are a few MB.
     */
    private final Cache<String, Hint> hints = Caffeine.newBuilder().maximumSize(20_000).build();

    /** An entry a request is expected to look up: cache, key and the versions in that key. */
    record Hint(String cacheName, String key, KeyVersions versions) {
    }

    CacheEngine(CacheBackend store, CacheSettings settings, RedisBreaker breaker, ObjectMapper json, Logger log) {
        this(store, settings, breaker, json, log, new NearCache(0, 0));
    }

    CacheEngine(CacheBackend store, CacheSettings settings, RedisBreaker breaker, ObjectMapper json, Logger log,
                NearCache near) {
        this.store = store;
        this.redis = new RedisCalls(store, breaker);
        this.statistics = new CacheStatistics(settings::ttlSecondsOf, log);
        this.near = near;
        this.settings = settings;
        this.json = json;
        this.log = log;
    }

    // --- @CacheResult --------------------------------------------------------------------------------------

    Object result(CachedMethod m, Object target, Object[] args, Callable<Object> proceed) throws Exception {
        if (!settings.enabled() || Boolean.FALSE.equals(m.cacheable)) {
            return proceed.call();
        }
        CacheCounters c = statistics.of(m.cacheName);
        String owner = m.owner(args);
        KeyVersions versions = readVersions(c, owner);
        if (versions == null) {
            // No Redis: straight to the database. No single flight either: a caller arriving after a write must
            // not share a load that started before it, and without key versions we cannot tell.
            c.bypassed.increment();
            return load(c, proceed);
        }
        String key = versions.render(owner) + "|" + m.keyPart(target, args);
        String route = requestVersions.routeOf(owner);
        if (!m.skipGet) {
            Object held = near.get(m.cacheName, key);
            if (held != NearCache.ABSENT) {
                c.hits.increment();
                c.nearHits.increment();
                if (route != null) {
                    // Held here: the next request of this route needs the versions only.
                    hints.invalidate(owner + ' ' + route);
                }
                return m.optional ? Optional.ofNullable(held) : held;
            }
            if (route != null) {
                remember(owner + ' ' + route, new Hint(m.cacheName, key, versions));
            }
            byte[] cached;
            if (requestVersions.hasPrefetched(m.cacheName, key)) {
                c.entriesFromGate.increment();
                cached = requestVersions.prefetchedValue();
            } else {
                cached = redis.guarded(c, () -> store.get(m.cacheName, key), null);
            }
            if (cached != null) {
                Object value = decode(m, c, cached);
                if (value != MISS) {
                    c.hits.increment();
                    near.put(m.cacheName, key, value, cached.length, nearTtlMillis(m, value));
                    return m.optional ? Optional.ofNullable(value) : value;
                }
            }
        }
        c.misses.increment();
        return singleFlight.run(m.cacheName + '\u0000' + key, () -> load(c, proceed),
                value -> store(m, c, key, m.optional ? ((Optional<?>) value).orElse(null) : value));
    }

    /**
     * The versions a lookup is keyed by: those the request gate read for this request's caller in its round trip,
     * when they are for this owner and the breaker is closed, else read from the store now.
     */
    private KeyVersions readVersions(CacheCounters c, String owner) {
        KeyVersions read = requestVersions.forOwner(owner);
        if (read != null && redis.closed()) {
            c.prefetchedScopes.increment();
            return read;
        }
        return redis.guarded(c, () -> store.versions(owner), null);
    }

    /** Remembers, for the rest of this request on this thread, the versions of its caller's data. */
    void useForThisRequest(String owner, long epoch, long generation) {
        requestVersions.use(owner, epoch, generation);
    }

    /**
     * Starts a request that reads {@code owner}'s data as {@code route} (its path and query) and answers the entry
     * its lookup will likely ask for: the one the last such request on this node looked up in Redis, with the
     * versions it was keyed by. The request gate reads it in its own round trip when the versions are still those
     * ({@link #usePrefetched}), so a hit that is not in the near cache needs no second round trip. Null when the
     * last such request was a near-cache hit, or none is remembered. Only a guess: the lookup uses what was read
     * only if it computes the very same key.
     */
    Hint prefetchFor(String owner, String route) {
        requestVersions.route(owner, route);
        return hints.getIfPresent(owner + ' ' + route);
    }

    /** The gate's script read {@code hint}'s entry under the versions of {@link #useForThisRequest}: this. */
    void usePrefetched(Hint hint, byte[] value) {
        requestVersions.prefetched(hint.cacheName(), hint.key(), value);
    }

    private void remember(String routeKey, Hint hint) {
        if (!hint.equals(hints.getIfPresent(routeKey))) {
            hints.put(routeKey, hint);
        }
    }

    /**
     * A validator of everything cached for {@code owner} as this request sees it ({@code g<generation>e<epoch>}),
     * from the versions the request gate read; null when there are none (the answer then has no such tag).
     */
    String versionTag(String owner) {
        KeyVersions read = requestVersions.forOwner(owner);
        if (owner == null || read == null || !redis.closed()) {
            return null;
        }
        return "g" + read.generation() + "e" + read.epoch();
    }

    void forgetRequestVersions() {
        requestVersions.forget();
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
        CacheCounters c = statistics.of(m.cacheName);
        String owner = m.owner(args);
        String keyPart = m.keyPart(target, args);
        KeyVersions versions = redis.guarded(c, () -> store.versions(owner), null);
        if (versions == null) {
            return;
        }
        String key = versions.render(owner) + "|" + keyPart;
        near.remove(m.cacheName, key);
        if (Boolean.TRUE.equals(redis.guarded(c, () -> store.remove(m.cacheName, key), false))) {
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
        CacheCounters c = statistics.of(cacheName);
        near.clear(cacheName);
        Boolean done = redis.guarded(c, () -> {
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
        requestVersions.forget();
        invalidations.increment();
        redis.bump("generation of user " + ownerId, () -> store.bumpGeneration(ownerId));
    }

    /** Makes every cached entry unreachable (bulk changes: archive, restore, migrations). */
    void allUserDataChanged() {
        requestVersions.forget();
        invalidations.increment();
        redis.bump("global epoch", store::bumpEpoch);
    }

    // --- what the admin API and the metrics read ----------------------------------------------------------

    CacheStatistics statistics() {
        return statistics;
    }

    RedisCalls redisCalls() {
        return redis;
    }

    long invalidations() {
        return invalidations.sum();
    }

    int loadsInFlight() {
        return singleFlight.inFlight();
    }

    long nearEntries() {
        return near.size();
    }

    void register(String cacheName) {
        statistics.of(cacheName);
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
        byte[] encoded;
        try {
            encoded = encode(m, value);
            if (m.cacheable == null) {
                // Once per method: a value that cannot be read back would be a miss on every hit.
                if (m.rendered) {
                    Rendered.Bytes body = ((Rendered<?>) value).json();
                    json.readerFor(m.valueType).readValue(body.array(), body.offset(), body.length());
                } else {
                    json.readerFor(m.valueType).readValue(encoded);
                }
                m.cacheable = true;
            }
        } catch (Exception e) {
            m.cacheable = false;
            log.warning(() -> "Cache " + m.cacheName + ": values of " + m.describe() + " (" + m.valueType
                    + ") do not survive a JSON round trip, so it is not cached: " + describe(e));
            return;
        }
        long ttl = isEmpty(m.rendered ? ((Rendered<?>) value).value() : value)
                ? Math.max(1000L, settings.negativeTtlSeconds() * 1000L)
                : Ttl.jitteredMillis(settings.ttlSecondsOf(m.cacheName), settings.jitter());
        Boolean stored = redis.guarded(c, () -> {
            store.put(m.cacheName, key, encoded, ttl);
            return true;
        }, false);
        if (stored) {
            c.puts.increment();
            near.put(m.cacheName, key, value, encoded.length, ttl);
        }
    }

    /** What Redis keeps: a {@link Rendered} answer as its bytes, any other value as its JSON. */
    private byte[] encode(CachedMethod m, Object value) throws Exception {
        return m.rendered ? ((Rendered<?>) value).stored() : json.writerFor(m.valueType).writeValueAsBytes(value);
    }

    private Object decode(CachedMethod m, CacheCounters c, byte[] cached) {
        try {
            if (m.rendered) {
                // The body is sent as it is; the value is decoded only if a caller asks for it.
                return Rendered.fromStored(cached, body -> json.readerFor(m.valueType)
                        .readValue(body.array(), body.offset(), body.length()));
            }
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

    private long nearTtlMillis(CachedMethod m, Object value) {
        boolean empty = value instanceof Rendered<?> rendered
                ? rendered.paging() != null && rendered.paging().total() == 0 : isEmpty(value);
        return empty ? Math.max(1000L, settings.negativeTtlSeconds() * 1000L)
                : settings.ttlSecondsOf(m.cacheName) * 1000L;
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
}
