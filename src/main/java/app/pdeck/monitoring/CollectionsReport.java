package app.pdeck.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/db/collections}: per collection documents and sizes in bytes from {@code collStats},
 * and its indexes from {@code listIndexes}. A figure the server does not report is null, never a guess;
 * {@code notes} say which and why.
 */
public record CollectionsReport(String database, List<Collection> collections, Totals totals, List<String> notes,
                                Instant checkedAt) {

    /** One collection; {@code dataSize} is the uncompressed BSON size, {@code storageSize} what it takes on disk. */
    public record Collection(String name, long documents, Long dataSize, Long storageSize, Long avgObjSize,
                             Long totalIndexSize, List<Index> indexes) {
    }

    /** One index: its name, key pattern, whether unique, and its size in bytes when the server reports it. */
    public record Index(String name, Map<String, Object> key, boolean unique, Long size) {
    }

    /** Database totals from {@code dbStats} (storage and file size are the whole database's). */
    public record Totals(Long collections, Long documents, Long dataSize, Long storageSize, Long indexSize) {
    }
}
