package app.pdeck.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP body of values the near cache shares between requests, rendered once, and compressed once for clients
 * that accept gzip. A near-cache hit hands every caller the same instance, so writing it as JSON again for each of
 * them repeats identical work (for a page of 50 tasks, the largest cost of a hit). Keys are the instances themselves,
 * held weakly and compared by identity: once the near cache lets go of a value, its rendering goes too, and a value
 * that is not shared is never remembered. Shared values are immutable (see {@link NearCache}), which is what makes
 * one rendering valid for all.
 */
final class RenderedJson {

    /** Bodies shorter than this are sent as they are: gzip would save less than its header and CPU cost. */
    static final int MIN_GZIP_BYTES = 1024;

    private static final Rendering NOT_YET = new Rendering(new byte[0]);

    private final Cache<Object, Rendering> bodies;

    /** One value's body, and its gzip form once a client asked for it. */
    static final class Rendering {
        final byte[] json;
        private volatile byte[] gzip;

        Rendering(byte[] json) {
            this.json = json;
        }

        /** The gzip form, compressed by the first caller that needs it (a race compresses twice, harmlessly). */
        byte[] gzip() {
            byte[] compressed = gzip;
            if (compressed == null) {
                compressed = compress(json);
                gzip = compressed;
            }
            return compressed;
        }
    }

    /** @param maxBytes the most rendered bytes held; 0 disables it */
    RenderedJson(long maxBytes) {
        this.bodies = maxBytes <= 0 ? null : Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxBytes)
                .weigher((Object value, Rendering body) -> body.json.length)
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
    Rendering rendering(Object value) {
        if (bodies == null || value == null) {
            return null;
        }
        Rendering body = bodies.getIfPresent(value);
        return body == null || body == NOT_YET ? null : body;
    }

    /** The kept JSON of a shared value, or null. */
    byte[] body(Object value) {
        Rendering rendering = rendering(value);
        return rendering == null ? null : rendering.json;
    }

    /** Keeps the rendering of a value that is still shared; does nothing for any other value. */
    void keep(Object value, byte[] body) {
        if (bodies != null && value != null) {
            bodies.asMap().replace(value, NOT_YET, new Rendering(body));
        }
    }

    long size() {
        return bodies == null ? 0 : bodies.estimatedSize();
    }

    static byte[] compress(byte[] json) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer, 8192)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
