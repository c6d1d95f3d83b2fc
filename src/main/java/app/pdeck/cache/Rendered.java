package app.pdeck.cache;

import app.pdeck.platform.Paged;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * An answer kept as the JSON the API sends. A {@code @CacheResult} method that returns {@code Rendered<T>} is cached as
 * these bytes (and their gzip form), so a hit, from this JVM or from Redis, writes them to the response as they
 * are: no decoding into objects and no rendering per request, which for a page of 200 tasks were most of a hit's
 * CPU. The value itself is decoded only when a caller asks for it ({@link #value}).
 *
 * <p>The JSON is the cache's mapping ({@link CacheJson}), which writes exactly what the API's JSON-B configuration
 * writes for the cached types ({@code CacheJsonTest} holds the two to it). A value held here is shared between
 * requests and must not be changed (the cached types are records).
 */
public final class Rendered<T> implements Paged.Holder {

    /** Bodies shorter than this are sent as they are: gzip would save less than its header and CPU cost. */
    static final int MIN_GZIP_BYTES = 1024;

    private static final byte FORMAT = 1;

    /** Decodes the JSON of a value of the type a cached method declares. */
    interface Decoder<T> {
        T decode(Bytes json) throws IOException;
    }

    /**
     * A run of bytes inside an array. An answer read from Redis keeps its body as a view into the bytes Redis sent:
     * a hit outside the near cache then copies nothing (a 200-task page and its gzip form are 61 kB).
     */
    record Bytes(byte[] array, int offset, int length) {

        static Bytes of(byte[] array) {
            return new Bytes(array, 0, array.length);
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(array, offset, length);
        }

        byte[] toArray() {
            return Arrays.copyOfRange(array, offset, offset + length);
        }
    }

    private final Paged.Position paging;
    private final Decoder<T> decoder;
    private volatile T value;
    private volatile Bytes json;
    private volatile Bytes gzip;

    private Rendered(T value, Bytes json, Bytes gzip, Paged.Position paging, Decoder<T> decoder) {
        this.value = value;
        this.json = json;
        this.gzip = gzip;
        this.paging = paging;
        this.decoder = decoder;
    }

    /** The answer {@code value}, rendered when first needed. */
    public static <T> Rendered<T> of(T value) {
        return new Rendered<>(value, null, null, value instanceof Paged page ? Paged.Position.of(page) : null, null);
    }

    /** The value, decoded from the JSON the first time it is asked for when this came from Redis. */
    public T value() {
        T held = value;
        if (held == null && decoder != null) {
            try {
                held = decoder.decode(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            value = held;
        }
        return held;
    }

    @Override
    public Paged paging() {
        return paging;
    }

    /** The JSON body (rendered by the first caller that needs it; a race renders twice, harmlessly). */
    Bytes json() {
        Bytes body = json;
        if (body == null) {
            try {
                body = Bytes.of(CacheJson.MAPPER.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json = body;
        }
        return body;
    }

    /** The gzip form of the body, compressed once; null when the body is too short to gain from it. */
    Bytes gzip() {
        Bytes body = json();
        if (body.length() < MIN_GZIP_BYTES) {
            return null;
        }
        Bytes compressed = gzip;
        if (compressed == null) {
            compressed = Bytes.of(compress(body));
            gzip = compressed;
        }
        return compressed;
    }

    /** The bytes Redis keeps: the position of the page, the JSON and its gzip form. */
    byte[] stored() {
        Bytes body = json();
        Bytes compressed = gzip();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(body.length() + (compressed == null ? 0 : compressed.length()) + 32);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(FORMAT);
            out.writeBoolean(paging != null);
            if (paging != null) {
                out.writeInt(paging.page());
                out.writeInt(paging.size());
                out.writeLong(paging.total());
            }
            out.writeInt(body.length());
            body.writeTo(out);
            out.writeInt(compressed == null ? 0 : compressed.length());
            if (compressed != null) {
                compressed.writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    /**
     * What {@link #stored} wrote; the value is decoded with {@code decoder} if anybody asks for it. The body and its
     * gzip form stay where they are in {@code stored}, which must not be changed afterwards.
     */
    static <T> Rendered<T> fromStored(byte[] stored, Decoder<T> decoder) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(stored);
        try {
            if (in.get() != FORMAT) {
                throw new IOException("not a rendered answer of format " + FORMAT);
            }
            Paged.Position paging = in.get() != 0 ? new Paged.Position(in.getInt(), in.getInt(), in.getLong()) : null;
            Bytes body = slice(in, stored);
            Bytes compressed = in.getInt(in.position()) > 0 ? slice(in, stored) : null;
            return new Rendered<>(null, body, compressed, paging, decoder);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException("a rendered answer cut short", e);
        }
    }

    /** The length-prefixed run of bytes at the buffer's position, which moves past it. */
    private static Bytes slice(ByteBuffer in, byte[] stored) {
        int length = in.getInt();
        Bytes bytes = new Bytes(stored, in.position(), length);
        in.position(in.position() + length);
        return bytes;
    }

    static byte[] compress(Bytes json) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(json.length() / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(buffer, 8192)) {
            json.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
