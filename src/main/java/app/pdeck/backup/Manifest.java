package app.pdeck.backup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * {@code manifest.json} of a backup: which database, when, and per collection the document count and the SHA-256
 * of each file. Written last, so a backup directory without it is incomplete.
 */
public record Manifest(int formatVersion, String id, String database, Instant createdAt, Instant completedAt,
                       String node, List<Entry> collections, Encryption encryption, Stamp stamp) {

    /** An unencrypted, unstamped backup. */
    public Manifest(int formatVersion, String id, String database, Instant createdAt, Instant completedAt,
                    String node, List<Entry> collections) {
        this(formatVersion, id, database, createdAt, completedAt, node, collections, null, null);
    }

    /**
     * Present on a backup taken before a migration run that changes data: why ({@code "before migrations up: 005"})
     * and the changelog version the data is at. Such backups are kept until an admin deletes them (retention prunes
     * only the others), since they are the way back when a migration's {@code down} is not enough.
     */
    public record Stamp(String reason, String changelogVersion) {
    }

    /**
     * Present when the files are encrypted ({@link BackupCipher}): the key's id (from {@code pdeck.crypto.keys}) and
     * the SHA-256 of every encrypted file, checked before anything is decrypted. Each collection file is stored as
     * its recorded name plus {@value #SEALED_SUFFIX}; the entries' hashes are those of the decrypted files.
     */
    public record Encryption(String algorithm, String keyId, Map<String, String> sealedSha256) {
    }

    public static final String SEALED_SUFFIX = ".enc";

    public boolean encrypted() {
        return encryption != null;
    }

    public String encryptionKeyId() {
        return encryption == null ? null : encryption.keyId();
    }

    Manifest withEncryption(Encryption encryption) {
        return new Manifest(formatVersion, id, database, createdAt, completedAt, node, collections, encryption, stamp);
    }

    Manifest withStamp(Stamp stamp) {
        return new Manifest(formatVersion, id, database, createdAt, completedAt, node, collections, encryption, stamp);
    }

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    /** One collection's files, relative to the backup directory. */
    public record Entry(String name, long count, String bsonFile, String bsonSha256, long bsonBytes,
                        String metadataFile, String metadataSha256) {
    }

    public long totalDocuments() {
        return collections.stream().mapToLong(Entry::count).sum();
    }

    public long totalBytes() {
        return collections.stream().mapToLong(Entry::bsonBytes).sum();
    }

    public String toJson() {
        List<Document> entries = new ArrayList<>();
        for (Entry e : collections) {
            entries.add(new Document("name", e.name()).append("count", e.count())
                    .append("bsonFile", e.bsonFile()).append("bsonSha256", e.bsonSha256())
                    .append("bsonBytes", e.bsonBytes())
                    .append("metadataFile", e.metadataFile()).append("metadataSha256", e.metadataSha256()));
        }
        Document doc = new Document("formatVersion", formatVersion)
                .append("id", id)
                .append("database", database)
                .append("createdAt", createdAt.toString())
                .append("completedAt", completedAt.toString())
                .append("node", node)
                .append("layout", "mongodump --gzip: <database>/<collection>.bson.gz and .metadata.json.gz")
                .append("totalDocuments", totalDocuments())
                .append("totalBytes", totalBytes())
                .append("collections", entries);
        if (stamp != null) {
            doc.append("stamp", new Document("reason", stamp.reason()).append("changelogVersion",
                    stamp.changelogVersion()));
        }
        if (encryption != null) {
            doc.append("encryption", new Document("algorithm", encryption.algorithm())
                    .append("keyId", encryption.keyId())
                    .append("sealedSha256", new Document(new java.util.TreeMap<String, Object>(encryption.sealedSha256()))));
        }
        return doc.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build());
    }

    /** @throws IllegalArgumentException when the text is not a manifest of a format this code reads */
    public static Manifest parse(String json) {
        try {
            Document doc = Document.parse(json);
            int version = doc.get("formatVersion", Number.class).intValue();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("manifest format version " + version + " is not supported");
            }
            List<Entry> entries = new ArrayList<>();
            for (Document e : doc.getList("collections", Document.class)) {
                entries.add(new Entry(e.getString("name"), e.get("count", Number.class).longValue(),
                        e.getString("bsonFile"), e.getString("bsonSha256"), e.get("bsonBytes", Number.class).longValue(),
                        e.getString("metadataFile"), e.getString("metadataSha256")));
            }
            Encryption encryption = null;
            Document sealed = doc.get("encryption", Document.class);
            if (sealed != null) {
                Map<String, String> hashes = new java.util.TreeMap<>();
                sealed.get("sealedSha256", Document.class).forEach((k, v) -> hashes.put(k, String.valueOf(v)));
                encryption = new Encryption(sealed.getString("algorithm"), sealed.getString("keyId"), Map.copyOf(hashes));
            }
            Document stamped = doc.get("stamp", Document.class);
            Stamp stamp = stamped == null ? null
                    : new Stamp(stamped.getString("reason"), stamped.getString("changelogVersion"));
            return new Manifest(version, doc.getString("id"), doc.getString("database"),
                    Instant.parse(doc.getString("createdAt")), Instant.parse(doc.getString("completedAt")),
                    doc.getString("node"), List.copyOf(entries), encryption, stamp);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null
                    && iae.getMessage().startsWith("manifest")) {
                throw iae;
            }
            throw new IllegalArgumentException("manifest.json is unreadable: " + e.getMessage(), e);
        }
    }
}
