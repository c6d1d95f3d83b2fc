package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCipherTest {

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    private SecretKey key() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    private Path file(int size) throws IOException {
        byte[] content = new byte[size];
        random.nextBytes(content);
        return Files.write(dir.resolve("plain-" + size), content);
    }

    @Test
    void filesOfAnySizeRoundTrip() throws IOException {
        SecretKey key = key();
        for (int size : new int[] {0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17}) {
            Path plain = file(size);
            Path sealed = dir.resolve("sealed-" + size);
            Path opened = dir.resolve("opened-" + size);
            BackupCipher.encrypt(plain, sealed, key, "db/tasks.bson.gz");
            BackupCipher.decrypt(sealed, opened, key, "db/tasks.bson.gz");
            assertArrayEquals(Files.readAllBytes(plain), Files.readAllBytes(opened), "size " + size);
        }
    }

    @Test
    void anAlteredOrTruncatedFileAnotherKeyOrAnotherNameDoNotDecrypt() throws IOException {
        SecretKey key = key();
        Path sealed = dir.resolve("sealed");
        BackupCipher.encrypt(file(2 * (1 << 20) + 5), sealed, key, "db/tasks.bson.gz");
        byte[] bytes = Files.readAllBytes(sealed);

        Path flipped = dir.resolve("flipped");
        byte[] altered = bytes.clone();
        altered[altered.length / 2] ^= 1;
        Files.write(flipped, altered);
        assertThrows(IOException.class, () -> BackupCipher.decrypt(flipped, dir.resolve("o1"), key, "db/tasks.bson.gz"));

        Path truncated = dir.resolve("truncated");
        Files.write(truncated, Arrays.copyOf(bytes, 17 + 4 + (1 << 20) + 16));
        assertThrows(IOException.class, () -> BackupCipher.decrypt(truncated, dir.resolve("o2"), key, "db/tasks.bson.gz"));

        assertThrows(IOException.class, () -> BackupCipher.decrypt(sealed, dir.resolve("o3"), key(), "db/tasks.bson.gz"));
        assertThrows(IOException.class, () -> BackupCipher.decrypt(sealed, dir.resolve("o4"), key, "db/users.bson.gz"));
    }
}
