package app.pdeck.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.crypto.SecretKey;

/**
 * A stored backup's collection files, opened by the names its manifest gives them: as they are on disk, or, for an
 * encrypted backup, decrypted while they are read. Clear text of an encrypted backup is never written to disk, so
 * the backup directory (often shared storage) holds none, not even while verifying or restoring.
 */
record StoredFiles(Path dir, SecretKey key) {

    static StoredFiles plain(Path dir) {
        return new StoredFiles(dir, null);
    }

    /** @throws IllegalStateException when the backup is encrypted and no key is given */
    static StoredFiles of(Path dir, Manifest manifest, SecretKey key) {
        if (!manifest.encrypted()) {
            return plain(dir);
        }
        if (key == null) {
            throw new IllegalStateException("backup " + manifest.id() + " is encrypted with key '"
                    + manifest.encryptionKeyId() + "', which was not given");
        }
        return new StoredFiles(dir, key);
    }

    /** The clear bytes of {@code file} (a name from the manifest, e.g. {@code pdeck/tasks.bson.gz}). */
    InputStream open(String file) throws IOException {
        if (key == null) {
            return Files.newInputStream(BackupVerifier.resolve(dir, file));
        }
        return BackupCipher.decrypting(new BufferedInputStream(Files.newInputStream(
                BackupVerifier.resolve(dir, file + Manifest.SEALED_SUFFIX)), 1 << 16), key, file);
    }
}
