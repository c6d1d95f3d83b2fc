package app.pdeck.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts backup files with AES-256-GCM in segments of 1 MiB, so files of any size stream through with bounded
 * memory: a header ({@code PDECKENC1} and a random 8-byte nonce prefix), then per segment its length and ciphertext
 * with tag. Each segment's IV is the prefix plus the segment number, and its associated data binds the file's name
 * in the backup, the segment number and whether it is the last one — so segments cannot be reordered, dropped,
 * truncated at a boundary or swapped between files without decryption failing.
 */
final class BackupCipher {

    static final String ALGORITHM = "AES-256-GCM, 1 MiB segments";
    private static final byte[] MAGIC = "PDECKENC1".getBytes(StandardCharsets.US_ASCII);
    private static final int SEGMENT = 1 << 20;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BackupCipher() {
    }

    /** Seals {@code plain} into {@code sealed} and makes it durable (fsync) before returning. */
    static void encrypt(Path plain, Path sealed, SecretKey key, String name) throws IOException {
        try (InputStream in = Files.newInputStream(plain);
             java.io.FileOutputStream file = new java.io.FileOutputStream(sealed.toFile())) {
            Encrypting out = encrypting(new BufferedOutputStream(file, 1 << 16), key, name);
            in.transferTo(out);
            out.finish();
            file.getFD().sync();
        }
    }

    /** @throws IOException also when the file was altered or the key is not the one that sealed it */
    static void decrypt(Path sealed, Path plain, SecretKey key, String name) throws IOException {
        try (InputStream in = decrypting(Files.newInputStream(sealed), key, name);
             OutputStream out = Files.newOutputStream(plain)) {
            in.transferTo(out);
        }
    }

    /**
     * A stream that seals what is written to it into {@code out} (header first), one segment at a time, so clear
     * text exists only in memory, one segment of it. {@link Encrypting#finish()} writes the last segment.
     */
    static Encrypting encrypting(OutputStream out, SecretKey key, String name) throws IOException {
        return new Encrypting(out, key, name);
    }

    /**
     * A stream of the clear text of a sealed stream, checked segment by segment as it is read.
     *
     * @throws IOException when reading it meets an altered or truncated file, another file's segments, or a key
     *                     other than the one that sealed it
     */
    static InputStream decrypting(InputStream in, SecretKey key, String name) throws IOException {
        return new Decrypting(in, key, name);
    }

    static final class Encrypting extends OutputStream {
        private final DataOutputStream out;
        private final SecretKey key;
        private final String name;
        private final byte[] prefix = new byte[8];
        private final byte[] segment = new byte[SEGMENT];
        private int filled;
        private int index;
        private boolean finished;

        private Encrypting(OutputStream out, SecretKey key, String name) throws IOException {
            this.out = new DataOutputStream(out);
            this.key = key;
            this.name = name;
            RANDOM.nextBytes(prefix);
            this.out.write(MAGIC);
            this.out.write(prefix);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (finished) {
                throw new IOException(name + ": written after its last segment");
            }
            while (length > 0) {
                // A full segment is sealed only once more bytes come: whether it is the last one is in its tag.
                if (filled == SEGMENT) {
                    seal(false);
                }
                int n = Math.min(length, SEGMENT - filled);
                System.arraycopy(bytes, offset, segment, filled, n);
                filled += n;
                offset += n;
                length -= n;
            }
        }

        /** Seals the last segment and flushes; the underlying stream stays open (the caller syncs and closes it). */
        void finish() throws IOException {
            if (!finished) {
                seal(true);
                finished = true;
            }
            out.flush();
        }

        @Override
        public void close() throws IOException {
            finish();
            out.close();
        }

        private void seal(boolean last) throws IOException {
            try {
                byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, prefix, index, last, name)
                        .doFinal(segment, 0, filled);
                out.writeInt(ciphertext.length);
                out.write(ciphertext);
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption of " + name + " failed", e);
            }
            filled = 0;
            index++;
        }
    }

    private static final class Decrypting extends InputStream {
        private final DataInputStream in;
        private final SecretKey key;
        private final String name;
        private final byte[] prefix;
        private byte[] plain = new byte[0];
        private int position;
        private int index;
        private int nextLength;
        private boolean done;

        private Decrypting(InputStream in, SecretKey key, String name) throws IOException {
            this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
            this.key = key;
            this.name = name;
            if (!Arrays.equals(this.in.readNBytes(MAGIC.length), MAGIC)) {
                throw new IOException(name + " is not an encrypted backup file");
            }
            prefix = this.in.readNBytes(8);
            nextLength = lengthOrEnd();
            if (nextLength < 0) {
                throw new IOException(name + ": truncated");
            }
        }

        private int lengthOrEnd() throws IOException {
            try {
                return in.readInt();
            } catch (EOFException end) {
                return -1;
            }
        }

        /** Decrypts the next segment; {@code false} after the last. */
        private boolean next() throws IOException {
            if (done) {
                return false;
            }
            int length = nextLength;
            if (length < 16 || length > SEGMENT + 16) {
                throw new IOException(name + ": damaged segment " + index);
            }
            byte[] ciphertext = in.readNBytes(length);
            if (ciphertext.length != length) {
                throw new IOException(name + ": truncated");
            }
            nextLength = lengthOrEnd();
            boolean last = nextLength < 0;
            try {
                plain = cipher(Cipher.DECRYPT_MODE, key, prefix, index, last, name).doFinal(ciphertext);
            } catch (GeneralSecurityException e) {
                throw new IOException(name + " does not decrypt with the backup's key (altered, or another key)");
            }
            position = 0;
            index++;
            done = last;
            return true;
        }

        @Override
        public int read() throws IOException {
            while (position >= plain.length) {
                if (!next()) {
                    return -1;
                }
            }
            return plain[position++] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position >= plain.length) {
                if (!next()) {
                    return -1;
                }
            }
            int n = Math.min(length, plain.length - position);
            System.arraycopy(plain, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] prefix, int index, boolean last, String name)
            throws GeneralSecurityException {
        byte[] iv = ByteBuffer.allocate(12).put(prefix).putInt(index).array();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
        cipher.updateAAD(ByteBuffer.allocate(5).putInt(index).put((byte) (last ? 1 : 0)).array());
        return cipher;
    }
}
