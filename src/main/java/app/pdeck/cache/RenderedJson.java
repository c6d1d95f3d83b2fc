package app.pdeck.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The HTTP body of values the near cache shares between requests, rendered once. A near-cache hit hands every
 * caller the same instance, so writing it as JSON again for each of them repeats identical work (for a page of 50
 * tasks, the largest cost of a hit). Keys are the instances themselves, held weakly and compared by identity:
 * once the near cache lets go of a value, its rendering goes too, and a value that is not shared is never
 * remembered. Shared values are immutable (see {@link NearCache}), which is what makes one rendering valid for all.
 */
final class RenderedJson {

    private static final byte[] NOT_YET = new byte[0];

    private final Cache<Object, byte[]> bodies;

    /** @param maxBytes the most rendered bytes held; 0 disables it */
    RenderedJson(long maxBytes) {
        this.bodies = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxBytes)
                .weigher((Object value, byte[] body) -> body.length)
                .build();
    }

    /** Marks a value as shared between requests: its first rendering will be kept. */
    void share(Object value) {
        if (bodies != null && value != null) {
            bodies.asMap().putIfAbsent(value, NOT_YET);
        }
    }

    boolean isShared(Object value) {
        return bodies != null && value != null && bodies.getIfPresent(value) != null;
    }

    /** The kept rendering of a shared value, or null (not shared, not rendered yet, or dropped). */
    byte[] body(Object value) {
        if (bodies == null || value == null) {
            return null;
        }
        byte[] body = bodies.getIfPresent(value);
        return body == null || body == NOT_YET ? null : body;
    }

    /** Keeps the rendering of a value that is still shared; does nothing for any other value. */
    void keep(Object value, byte[] body) {
        if (bodies != null && value != null) {
            bodies.asMap().replace(value, NOT_YET, body);
        }
    }

    long size() {
        return bodies == null ? 0 : bodies.estimatedSize();
    }
}
