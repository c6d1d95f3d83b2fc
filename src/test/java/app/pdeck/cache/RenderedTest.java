package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.Paged;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class RenderedTest {

    record Item(String id, String text) {
    }

    record Page(List<Item> items, int page, int size, long total) implements Paged {
    }

    private static Page page(int count) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add(new Item("i" + i, "a text that repeats itself, as task titles and descriptions do"));
        }
        return new Page(items, 2, count, 3L * count);
    }

    @Test
    void aStoredAnswerComesBackAsTheSameBytesAndPageWithoutBeingDecoded() throws Exception {
        Rendered<Page> original = Rendered.of(page(40));
        AtomicInteger decodes = new AtomicInteger();
        Rendered<Page> read = Rendered.fromStored(original.stored(), json -> {
            decodes.incrementAndGet();
            return CacheJson.MAPPER.readValue(json.array(), json.offset(), json.length(), Page.class);
        });

        assertArrayEquals(original.json().toArray(), read.json().toArray());
        assertArrayEquals(original.gzip().toArray(), read.gzip().toArray());
        assertEquals(new Paged.Position(2, 40, 120), read.paging());
        assertEquals(0, decodes.get(), "nothing decoded to send it");
        assertEquals(original.value(), read.value());
        assertSame(read.value(), read.value());
        assertEquals(1, decodes.get(), "decoded once, when asked");
    }

    @Test
    void theGzipFormIsTheJsonCompressedOnceAndOnlyForBodiesWorthIt() throws Exception {
        Rendered<Page> large = Rendered.of(page(40));
        Rendered.Bytes gzip = large.gzip();
        assertSame(gzip, large.gzip(), "compressed once");
        assertTrue(gzip.length() < large.json().length() / 4, gzip.length() + " of " + large.json().length());
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.toArray()))) {
            assertArrayEquals(large.json().toArray(), in.readAllBytes());
        }
        Rendered<Page> small = Rendered.of(page(1));
        assertTrue(small.json().length() < Rendered.MIN_GZIP_BYTES);
        assertNull(small.gzip());
        Rendered<Page> read = Rendered.fromStored(small.stored(), json -> null);
        assertNull(read.gzip());
        assertArrayEquals(small.json().toArray(), read.json().toArray());
    }

    @Test
    void anAnswerReadFromRedisSendsItsBodyFromTheBytesRedisSentWithoutCopyingThem() throws Exception {
        byte[] stored = Rendered.of(page(40)).stored();
        Rendered<Page> read = Rendered.fromStored(stored, json -> null);
        assertSame(stored, read.json().array());
        assertSame(stored, read.gzip().array());
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        read.json().writeTo(sent);
        assertArrayEquals(Rendered.of(page(40)).json().toArray(), sent.toByteArray());
    }

    @Test
    void aCutShortAnswerIsAnErrorNotAWrongBody() {
        byte[] stored = Rendered.of(page(40)).stored();
        byte[] cut = java.util.Arrays.copyOf(stored, stored.length / 2);
        assertThrows(IOException.class, () -> Rendered.fromStored(cut, json -> null));
    }

    @Test
    void anAnswerThatIsNoPageHasNoPosition() throws Exception {
        Rendered<Item> item = Rendered.of(new Item("i1", "x"));
        assertNull(item.paging());
        assertNull(Rendered.fromStored(item.stored(), json -> null).paging());
    }

    @Test
    void gzipIsAcceptedUnlessRefused() {
        assertTrue(RenderedWriter.acceptsGzip("gzip, deflate, br"));
        assertTrue(RenderedWriter.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(RenderedWriter.acceptsGzip("*"));
        assertFalse(RenderedWriter.acceptsGzip("gzip;q=0"));
        assertFalse(RenderedWriter.acceptsGzip("gzip; q=0.000"));
        assertFalse(RenderedWriter.acceptsGzip("identity"));
        assertFalse(RenderedWriter.acceptsGzip("x-gzip-like"));
    }
}
