package app.pdeck.backup;

import app.pdeck.security.keys.EncryptedBackups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.TreeMap;

/** How many complete backups each encryption key sealed, for {@code GET /admin/keys}. */
@ApplicationScoped
class BackupKeyCounts implements EncryptedBackups {

    @Inject
    BackupService backups;

    @Override
    public Map<String, Long> backupsPerKey() {
        Map<String, Long> counts = new TreeMap<>();
        for (BackupSummary backup : backups.list()) {
            if (backup.encryptionKeyId() != null) {
                counts.merge(backup.encryptionKeyId(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
