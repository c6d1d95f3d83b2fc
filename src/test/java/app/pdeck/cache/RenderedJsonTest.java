package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RenderedJsonTest {

    record Page(String text) {
    }

    private final RenderedJson rendered = new RenderedJson(1024);

    @Test
    void aSharedValueKeepsItsFirstRendering() {
        Page page = new Page("a");
        rendered.share(page);
        assertNull(rendered.body(page), "not rendered yet");

        rendered.keep(page, bytes("{\"text\":\"a\"}"));

        assertArrayEquals(bytes("{\"text\":\"a\"}"), rendered.body(page));
    }

    @Test
    void aValueThatIsNotSharedIsNeverKept() {
        Page page = new Page("a");

        rendered.keep(page, bytes("{\"text\":\"a\"}"));

        assertFalse(rendered.isShared(page));
        assertNull(rendered.body(page));
    }

    @Test
    void anEqualButDifferentInstanceDoesNotGetAnotherInstancesRendering() {
        Page cached = new Page("a");
        rendered.share(cached);
        rendered.keep(cached, bytes("{\"text\":\"a\"}"));

        Page loadedAgain = new Page("a");

        assertTrue(cached.equals(loadedAgain));
        assertNull(rendered.body(loadedAgain), "renderings belong to an instance, not to equal values");
    }

    @Test
    void theFirstRenderingWins() {
        Page page = new Page("a");
        rendered.share(page);
        rendered.keep(page, bytes("first"));
        rendered.keep(page, bytes("second"));

        assertArrayEquals(bytes("first"), rendered.body(page));
    }

    @Test
    void aNearCacheSharesWhatItHoldsAndNothingWhenDisabled() {
        NearCache near = new NearCache(1024, 60_000);
        Page held = new Page("held");
        near.put("pages", "k", held, 20, 60_000);
        assertTrue(near.rendered().isShared(held));

        NearCache off = new NearCache(0, 0);
        off.put("pages", "k", held, 20, 60_000);
        assertFalse(off.rendered().isShared(held));
    }

    @Test
    void theGzipFormIsCompressedOnceAndDecompressesToTheBody() throws Exception {
        RenderedJson large = new RenderedJson(1 << 20);
        Page page = new Page("a");
        large.share(page);
        byte[] json = bytes("{\"text\":\"" + "a".repeat(4000) + "\"}");
        large.keep(page, json);

        byte[] gzip = large.rendering(page).gzip();

        assertTrue(gzip == large.rendering(page).gzip(), "kept, not compressed per request");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            assertArrayEquals(json, in.readAllBytes());
        }
    }

    @Test
    void clientsThatAcceptGzipAreTheOnesThatSayIt() {
        assertTrue(SharedValueJsonWriter.acceptsGzip("gzip, deflate, br"));
        assertTrue(SharedValueJsonWriter.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(SharedValueJsonWriter.acceptsGzip("*"));
        assertFalse(SharedValueJsonWriter.acceptsGzip("gzip;q=0"));
        assertFalse(SharedValueJsonWriter.acceptsGzip("gzip; q=0.000"));
        assertFalse(SharedValueJsonWriter.acceptsGzip("identity"));
        assertFalse(SharedValueJsonWriter.acceptsGzip("x-gzip-like"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
