package app.pdeck.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.ByteBuf;
import org.bson.RawBsonDocument;

/** File-level helpers shared by writing, verifying and restoring: BSON framing and SHA-256. */
final class BackupFiles {

    /** BSON's own limit is 16 MiB; mongodump's files may carry slightly larger internal documents. */
    static final int MAX_DOCUMENT_BYTES = 48 * 1024 * 1024;

    private BackupFiles() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(java.nio.file.Path file) throws java.io.IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new java.security.DigestInputStream(java.nio.file.Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return digest.digest();
    }

    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Writes a document's bytes exactly as the server sent them (the body of a {@code .bson} file). */
    static int write(RawBsonDocument document, OutputStream out) throws IOException {
        ByteBuf buf = document.getByteBuffer();
        ByteBuffer nio = buf.asNIO();
        int length = nio.remaining();
        if (nio.hasArray()) {
            out.write(nio.array(), nio.arrayOffset() + nio.position(), length);
        } else {
            byte[] copy = new byte[length];
            nio.get(copy);
            out.write(copy);
        }
        return length;
    }

    /**
     * Reads the next document of a {@code .bson} stream, or {@code null} at a clean end.
     *
     * @throws IOException when the stream ends inside a document or a length is impossible
     */
    static RawBsonDocument read(InputStream in) throws IOException {
        byte[] header = new byte[4];
        int got = in.readNBytes(header, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new IOException("truncated BSON: " + got + " bytes after the last document");
        }
        int length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (length < 5 || length > MAX_DOCUMENT_BYTES) {
            throw new IOException("corrupted BSON: impossible document length " + length);
        }
        byte[] bytes = new byte[length];
        System.arraycopy(header, 0, bytes, 0, 4);
        if (in.readNBytes(bytes, 4, length - 4) != length - 4) {
            throw new IOException("truncated BSON: the last document is incomplete");
        }
        if (bytes[length - 1] != 0) {
            throw new IOException("corrupted BSON: a document does not end with 0x00");
        }
        return new RawBsonDocument(bytes);
    }
}
