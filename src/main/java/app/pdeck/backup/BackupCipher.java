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

    static void encrypt(Path plain, Path sealed, SecretKey key, String name) throws IOException {
        byte[] prefix = new byte[8];
        RANDOM.nextBytes(prefix);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(plain), SEGMENT);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(sealed),
                     1 << 16))) {
            out.write(MAGIC);
            out.write(prefix);
            byte[] current = in.readNBytes(SEGMENT);
            int index = 0;
            while (true) {
                byte[] next = current.length < SEGMENT ? new byte[0] : in.readNBytes(SEGMENT);
                boolean last = next.length == 0;
                byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, prefix, index, last, name).doFinal(current);
                out.writeInt(ciphertext.length);
                out.write(ciphertext);
                if (last) {
                    break;
                }
                current = next;
                index++;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("encryption of " + name + " failed", e);
        }
    }

    /** @throws IOException also when the file was altered or the key is not the one that sealed it */
    static void decrypt(Path sealed, Path plain, SecretKey key, String name) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(sealed), 1 << 16));
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(plain), 1 << 16)) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + " is not an encrypted backup file");
            }
            byte[] prefix = in.readNBytes(8);
            int index = 0;
            int length = in.readInt();
            while (true) {
                if (length < 16 || length > SEGMENT + 16) {
                    throw new IOException(name + ": damaged segment " + index);
                }
                byte[] ciphertext = in.readNBytes(length);
                if (ciphertext.length != length) {
                    throw new IOException(name + ": truncated");
                }
                int nextLength;
                try {
                    nextLength = in.readInt();
                } catch (EOFException end) {
                    nextLength = -1;
                }
                boolean last = nextLength < 0;
                out.write(cipher(Cipher.DECRYPT_MODE, key, prefix, index, last, name).doFinal(ciphertext));
                if (last) {
                    return;
                }
                length = nextLength;
                index++;
            }
        } catch (GeneralSecurityException e) {
            throw new IOException(name + " does not decrypt with the backup's key (altered, or another key)");
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
