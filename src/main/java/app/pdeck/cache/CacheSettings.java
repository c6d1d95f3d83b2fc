package app.pdeck.cache;

import java.util.function.ToLongFunction;

/**
 * The cache's configuration (from MicroProfile Config in production): the global switch, the TTL of each cache,
 * the short TTL of empty results and the jitter applied to every TTL.
 */
record CacheSettings(boolean enabled, ToLongFunction<String> ttlSeconds, long negativeTtlSeconds, double jitter) {

    long ttlSecondsOf(String cacheName) {
        return ttlSeconds.applyAsLong(cacheName);
    }
}
