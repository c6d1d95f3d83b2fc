package app.pdeck.cache;

/**
 * The versions a cache key is built from: the global epoch (bumped when everybody's data changed) and, for caches
 * with a {@link CacheOwner}, that owner's generation. An entry stored under older versions is never read again.
 */
record KeyVersions(long epoch, long generation) {

    String render(String ownerId) {
        return ownerId == null ? "e" + epoch : "e" + epoch + ":u" + ownerId + ":g" + generation;
    }
}
