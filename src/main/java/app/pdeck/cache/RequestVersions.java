package app.pdeck.cache;

/**
 * What the request gate read for this request's caller in its one Redis round trip, held for the rest of the request
 * on its thread so that lookups need no round trip of their own: the versions of the caller's cached data, and the
 * entry the gate's script read beside them when it was asked to ({@link CacheEngine#prefetchFor}). Reading them at
 * the start of the request is as safe as reading them at the lookup: either way they were read before the database
 * is, and the entry was read under exactly those versions. A write on this thread drops them (its own invalidation
 * outdates them), and the request's end forgets them.
 */
final class RequestVersions {

    /** One request's reads; {@code route} is what the request asked for (see {@link CacheEngine#prefetchFor}). */
    private static final class Read {
        final String owner;
        String route;
        KeyVersions versions;
        String prefetchedCache;
        String prefetchedKey;
        byte[] prefetched;

        Read(String owner) {
            this.owner = owner;
        }
    }

    private final ThreadLocal<Read> current = new ThreadLocal<>();

    /** This request reads {@code owner}'s data as {@code route}; the gate's versions and entry follow. */
    void route(String owner, String route) {
        Read read = new Read(owner);
        read.route = route;
        current.set(read);
    }

    void use(String owner, long epoch, long generation) {
        Read read = current.get();
        if (read == null || !owner.equals(read.owner)) {
            read = new Read(owner);
            current.set(read);
        }
        read.versions = new KeyVersions(epoch, generation);
    }

    /** The gate's script read this entry under the versions of {@link #use}; null means there is none. */
    void prefetched(String cacheName, String key, byte[] value) {
        Read read = current.get();
        if (read != null) {
            read.prefetchedCache = cacheName;
            read.prefetchedKey = key;
            read.prefetched = value;
        }
    }

    /** The versions read for {@code owner} (or only the epoch, for a cache without owner), or null. */
    KeyVersions forOwner(String owner) {
        Read read = current.get();
        if (read == null || read.versions == null || owner != null && !owner.equals(read.owner)) {
            return null;
        }
        return owner == null ? new KeyVersions(read.versions.epoch(), 0) : read.versions;
    }

    /** The route this request reads {@code owner}'s data as, or null. */
    String routeOf(String owner) {
        Read read = current.get();
        return read == null || owner == null || !owner.equals(read.owner) ? null : read.route;
    }

    /**
     * Whether the gate read this very entry: then {@link #prefetchedValue} is what Redis held under it (possibly
     * nothing), and no {@code GET} is needed.
     */
    boolean hasPrefetched(String cacheName, String key) {
        Read read = current.get();
        return read != null && key.equals(read.prefetchedKey) && cacheName.equals(read.prefetchedCache);
    }

    byte[] prefetchedValue() {
        Read read = current.get();
        return read == null ? null : read.prefetched;
    }

    void forget() {
        current.remove();
    }
}
