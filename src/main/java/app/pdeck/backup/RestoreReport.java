package app.pdeck.backup;

import java.util.Map;

/** What a restore did: into which database, and per collection how many documents and indexes. */
public record RestoreReport(String backupId, String database, Map<String, Long> documents,
                            Map<String, Integer> indexes) {

    public long totalDocuments() {
        return documents.values().stream().mapToLong(Long::longValue).sum();
    }
}
