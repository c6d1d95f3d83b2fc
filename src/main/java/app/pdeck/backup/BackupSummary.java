package app.pdeck.backup;

import java.time.Instant;

/**
 * A backup in the list: id, source database, when, how much, the key it is encrypted with (null: none), and for a
 * backup taken before a migration run why and at which changelog version (null otherwise).
 */
public record BackupSummary(String id, String database, Instant createdAt, Instant completedAt, String node,
                            int collections, long documents, long bsonBytes, long sizeOnDisk,
                            String encryptionKeyId, String reason, String changelogVersion) {

    static BackupSummary of(Manifest m, long sizeOnDisk) {
        return new BackupSummary(m.id(), m.database(), m.createdAt(), m.completedAt(), m.node(),
                m.collections().size(), m.totalDocuments(), m.totalBytes(), sizeOnDisk,
                m.encryptionKeyId(), m.stamp() == null ? null : m.stamp().reason(),
                m.stamp() == null ? null : m.stamp().changelogVersion());
    }
}
