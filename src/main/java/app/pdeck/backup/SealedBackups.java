package app.pdeck.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;

/**
 * Reading encrypted backups: integrity of the encrypted files first (their SHA-256 against the manifest, without
 * the key), then decryption into a hidden working directory of the store, which the existing verifier and restorer
 * read like any unencrypted backup. The working copy is removed afterwards (and by the next backup's clean-up if
 * the server stopped meanwhile).
 */
final class SealedBackups {

    private SealedBackups() {
    }

    static Verification checkSealedHashes(Path dir, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> file : manifest.encryption().sealedSha256().entrySet()) {
            String name = file.getKey() + Manifest.SEALED_SUFFIX;
            try {
                String sha = BackupFiles.hex(BackupFiles.sha256(BackupVerifier.resolve(dir, name)));
                if (!sha.equals(file.getValue())) {
                    problems.add(name + " has SHA-256 " + sha + ", the manifest says " + file.getValue());
                }
            } catch (IOException e) {
                problems.add(name + ": " + (e instanceof java.nio.file.NoSuchFileException ? "missing" : e.getMessage()));
            }
        }
        if (manifest.collections().size() * 2 != manifest.encryption().sealedSha256().size()) {
            problems.add("the manifest lists " + manifest.collections().size() + " collections but "
                    + manifest.encryption().sealedSha256().size() + " encrypted files");
        }
        return new Verification(manifest.id(), problems.isEmpty(), manifest.totalDocuments(), List.copyOf(problems));
    }

    /** Decrypts every file into a new working directory and returns it; the caller deletes it. */
    static Path unseal(BackupStore store, Path dir, Manifest manifest, SecretKey key) throws IOException {
        Path work = store.temporaryDirectory(manifest.id());
        try {
            for (String file : manifest.encryption().sealedSha256().keySet()) {
                Path plain = work.resolve(file).normalize();
                if (!plain.startsWith(work)) {
                    throw new IOException("manifest names a file outside the backup: " + file);
                }
                Files.createDirectories(plain.getParent());
                BackupCipher.decrypt(BackupVerifier.resolve(dir, file + Manifest.SEALED_SUFFIX), plain, key, file);
            }
            return work;
        } catch (IOException | RuntimeException e) {
            store.deleteQuietly(work);
            throw e;
        }
    }
}
