package app.pdeck.backup;

import java.time.Instant;

/** A backup in the list: id, source database, when, how much, and the key it is encrypted with (null: none). */
public record BackupSummary(String id, String database, Instant createdAt, Instant completedAt, String node,
                            int collections, long documents, long bsonBytes, long sizeOnDisk,
                            String encryptionKeyId) {

    static BackupSummary of(Manifest m, long sizeOnDisk) {
        return new BackupSummary(m.id(), m.database(), m.createdAt(), m.completedAt(), m.node(),
                m.collections().size(), m.totalDocuments(), m.totalBytes(), sizeOnDisk,
                m.encryptionKeyId());
    }
}
