package app.pdeck.cache;

/**
 * The versions of the caller's cached data that the request gate read in its one Redis round trip, held for the rest
 * of the request on its thread so that lookups need no round trip of their own. Reading them at the start of the
 * request is as safe as reading them at the lookup: either way they were read before the database is. A write on
 * this thread drops them (its own invalidation outdates them), and the request's end forgets them.
 */
final class RequestVersions {

    private record Read(String owner, KeyVersions versions) {
    }

    private final ThreadLocal<Read> current = new ThreadLocal<>();

    void use(String owner, long epoch, long generation) {
        current.set(new Read(owner, new KeyVersions(epoch, generation)));
    }

    /** The versions read for {@code owner} (or only the epoch, for a cache without owner), or null. */
    KeyVersions forOwner(String owner) {
        Read read = current.get();
        if (read == null || owner != null && !owner.equals(read.owner())) {
            return null;
        }
        return owner == null ? new KeyVersions(read.versions().epoch(), 0) : read.versions();
    }

    void forget() {
        current.remove();
    }
}
