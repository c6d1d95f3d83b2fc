package app.pdeck.backup;

import java.time.Instant;

/** A backup in the list: id, source database, when, how much. */
public record BackupSummary(String id, String database, Instant createdAt, Instant completedAt, String node,
                            int collections, long documents, long bsonBytes, long sizeOnDisk) {

    static BackupSummary of(Manifest m, long sizeOnDisk) {
        return new BackupSummary(m.id(), m.database(), m.createdAt(), m.completedAt(), m.node(),
                m.collections().size(), m.totalDocuments(), m.totalBytes(), sizeOnDisk);
    }
}
