package app.pdeck.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Integrity of an encrypted backup's files, checked before anything is decrypted: their SHA-256 against the
 * manifest, which needs no key. The contents are then read through {@link StoredFiles}, decrypted while read.
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
}
