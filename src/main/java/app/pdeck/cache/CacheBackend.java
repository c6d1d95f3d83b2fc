package app.pdeck.cache;

/**
 * Where cache entries and the versions of {@link KeyVersions} live (Redis in production). Every method may throw when the
 * store is down or slow; {@link CacheEngine} turns that into a database read and counts it.
 */
interface CacheBackend {

    /** Reads the global epoch and, when {@code ownerId} is not null, that owner's generation (absent = 0). */
    KeyVersions versions(String ownerId);

    /** The stored value, or null when absent or expired. */
    byte[] get(String cacheName, String key);

    void put(String cacheName, String key, byte[] value, long ttlMillis);

    boolean remove(String cacheName, String key);

    void clear(String cacheName);

    /** Increments the owner's generation and returns the new value. */
    long bumpGeneration(String ownerId);

    /** Increments the global epoch and returns the new value. */
    long bumpEpoch();
}
