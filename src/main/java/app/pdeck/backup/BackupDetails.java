package app.pdeck.backup;

import java.util.List;

/** One backup with its manifest's per-collection entries. */
public record BackupDetails(BackupSummary backup, List<Manifest.Entry> collections) {
}
