package app.pdeck.migration;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/** Reads and writes {@code schema_changelog} (what is applied) and {@code schema_changelog_failures}. */
final class Changelog {

    static final String COLLECTION = "schema_changelog";
    static final String FAILURES = "schema_changelog_failures";
    /** Backups taken before data-changing runs; not backed up (a restore must not forget the backup it came from). */
    static final String BACKUPS = "schema_backups";

    private final MongoCollection<Document> applied;
    private final MongoCollection<Document> failures;
    private final MongoCollection<Document> backups;

    Changelog(MongoDatabase database) {
        this.applied = database.getCollection(COLLECTION);
        this.failures = database.getCollection(FAILURES);
        this.backups = database.getCollection(BACKUPS);
    }

    void recordBackup(MigrationStatus.BackupBefore backup) {
        backups.replaceOne(Filters.eq("_id", backup.backupId()), new Document("_id", backup.backupId())
                .append("changelogVersion", backup.changelogVersion()).append("direction", backup.direction())
                .append("migrations", backup.migrations()).append("takenAt", Date.from(backup.takenAt())),
                new ReplaceOptions().upsert(true));
    }

    /** The newest backup taken before a data-changing run, if any. */
    MigrationStatus.BackupBefore lastBackup() {
        Document doc = backups.find().sort(new Document("takenAt", -1).append("_id", -1)).first();
        return doc == null ? null : new MigrationStatus.BackupBefore(doc.getString("_id"),
                doc.getString("changelogVersion"), doc.getString("direction"),
                doc.getList("migrations", String.class), instant(doc.getDate("takenAt")));
    }

    Map<String, ChangelogEntry> applied() {
        Map<String, ChangelogEntry> entries = new LinkedHashMap<>();
        for (Document doc : applied.find(Filters.eq("outcome", ChangelogEntry.APPLIED))) {
            ChangelogEntry entry = new ChangelogEntry(doc.getString("version"), doc.getString("description"),
                    doc.getString("checksum"), instant(doc.getDate("appliedAt")), longValue(doc.get("durationMs")),
                    doc.getString("node"), doc.getString("outcome"), Boolean.TRUE.equals(doc.getBoolean("inTransaction")));
            entries.put(entry.version(), entry);
        }
        return entries;
    }

    Map<String, FailedAttempt> failures() {
        Map<String, FailedAttempt> attempts = new LinkedHashMap<>();
        for (Document doc : failures.find()) {
            FailedAttempt attempt = new FailedAttempt(doc.getString("version"), doc.getString("direction"),
                    doc.getString("error"), instant(doc.getDate("attemptedAt")), longValue(doc.get("durationMs")),
                    doc.getString("node"), doc.getString("outcome"));
            attempts.put(attempt.version(), attempt);
        }
        return attempts;
    }

    void recordApplied(ChangelogEntry entry, ClientSession session) {
        Document doc = new Document("_id", entry.version())
                .append("version", entry.version())
                .append("description", entry.description())
                .append("checksum", entry.checksum())
                .append("appliedAt", Date.from(entry.appliedAt()))
                .append("durationMs", entry.durationMs())
                .append("node", entry.node())
                .append("outcome", entry.outcome())
                .append("inTransaction", entry.inTransaction());
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        if (session == null) {
            applied.replaceOne(Filters.eq("_id", entry.version()), doc, upsert);
        } else {
            applied.replaceOne(session, Filters.eq("_id", entry.version()), doc, upsert);
        }
    }

    void remove(String version, ClientSession session) {
        if (session == null) {
            applied.deleteOne(Filters.eq("_id", version));
        } else {
            applied.deleteOne(session, Filters.eq("_id", version));
        }
    }

    void recordFailure(FailedAttempt attempt) {
        Document doc = new Document("_id", attempt.version())
                .append("version", attempt.version())
                .append("direction", attempt.direction())
                .append("error", attempt.error())
                .append("attemptedAt", Date.from(attempt.attemptedAt()))
                .append("durationMs", attempt.durationMs())
                .append("node", attempt.node())
                .append("outcome", attempt.outcome());
        failures.replaceOne(Filters.eq("_id", attempt.version()), doc, new ReplaceOptions().upsert(true));
    }

    void clearFailure(String version) {
        failures.deleteOne(Filters.eq("_id", version));
    }

    /** Accepts the code as it is now for an applied migration; the old checksum and who did it stay on record. */
    void repairChecksum(String version, String previous, String current, String actor, Instant at) {
        applied.updateOne(Filters.and(Filters.eq("_id", version), Filters.eq("checksum", previous)),
                Updates.combine(Updates.set("checksum", current), Updates.set("previousChecksum", previous),
                        Updates.set("repairedAt", Date.from(at)), Updates.set("repairedBy", actor)));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static long longValue(Object value) {
        return value instanceof Number number ? number.longValue() : 0L;
    }
}
