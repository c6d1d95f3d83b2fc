package app.pdeck.backup;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes a backup of one database in mongodump's {@code --gzip} layout: for every collection {@code
 * <db>/<coll>.bson.gz} (the documents' raw BSON, streamed from a cursor, one document in memory at a time) and
 * {@code <db>/<coll>.metadata.json.gz} (options, indexes, uuid, collectionName, type in canonical Extended JSON), then
 * {@code manifest.json}. Everything goes to a hidden temporary directory that is renamed to the backup's id only
 * when complete, so an interrupted backup never looks like one.
 */
public final class BackupWriter {

    private static final Logger LOG = Logger.getLogger(BackupWriter.class.getName());
    private static final int BATCH_SIZE = 1000;
    private static final int READ_ATTEMPTS = 3;
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();

    /** Counts while writing, reported to the caller (a job records them). */
    public interface Progress {
        void collectionWritten(String collection, long documents, long bytes);

        /** Called between batches; throws to abort (e.g. the job lost its cluster lock). */
        void checkpoint();
    }

    /** The key that seals a backup's files, when backups are encrypted. */
    public record Sealing(String keyId, javax.crypto.SecretKey key) {
    }

    /** Makes a written file durable ({@code fsync}); tests record which files went through it. */
    interface FileSync {
        void force(Path file, FileOutputStream out) throws IOException;
    }

    static final FileSync FSYNC = (file, out) -> out.getFD().sync();

    private final BackupDirectory store;
    private final Clock clock;
    private final Sealing sealing;
    private final FileSync sync;

    public BackupWriter(BackupDirectory store, Clock clock) {
        this(store, clock, null);
    }

    public BackupWriter(BackupDirectory store, Clock clock, Sealing sealing) {
        this(store, clock, sealing, FSYNC);
    }

    BackupWriter(BackupDirectory store, Clock clock, Sealing sealing, FileSync sync) {
        this.store = store;
        this.clock = clock;
        this.sealing = sealing;
        this.sync = sync;
    }

    public Manifest write(MongoDatabase database, Set<String> excluded, String node, Progress progress)
            throws IOException {
        return write(database, excluded, node, null, progress);
    }

    /** As {@link #write(MongoDatabase, Set, String, Progress)}, with the manifest stamped (null: not stamped). */
    public Manifest write(MongoDatabase database, Set<String> excluded, String node, Manifest.Stamp stamp,
                          Progress progress) throws IOException {
        Instant createdAt = clock.instant();
        String id = BackupDirectory.idFor(createdAt);
        Path temp = store.temporaryDirectory(id);
        try {
            Path dbDir = Files.createDirectories(temp.resolve(database.getName()));
            List<Manifest.Entry> entries = new ArrayList<>();
            java.util.Map<String, String> sealedHashes = new TreeMap<>();
            for (var info : collections(database, excluded).values()) {
                String name = info.getString("name").getValue();
                progress.checkpoint();
                entries.add(writeCollectionRetrying(database, name, info, dbDir, sealedHashes, progress));
            }
            Manifest manifest = new Manifest(Manifest.FORMAT_VERSION, id, database.getName(), createdAt,
                    clock.instant(), node, List.copyOf(entries));
            if (stamp != null) {
                manifest = manifest.withStamp(stamp);
            }
            if (sealing != null) {
                manifest = manifest.withEncryption(new Manifest.Encryption(BackupCipher.ALGORITHM, sealing.keyId(),
                        java.util.Map.copyOf(sealedHashes)));
            }
            writeSynced(temp.resolve(Manifest.FILE), manifest.toJson().getBytes(StandardCharsets.UTF_8));
            syncDirectory(dbDir);
            syncDirectory(temp);
            store.publish(temp, id);
            syncDirectory(store.root());
            return manifest;
        } catch (IOException | RuntimeException e) {
            store.deleteQuietly(temp);
            throw e;
        }
    }

    /**
     * Read before every other collection. With the archive job excluded (data-moving lock) the only move during a
     * backup is a user's unarchive, which writes the task into {@code tasks} before it removes the archive copy:
     * reading {@code tasks_archive} first and {@code tasks} after captures such a task at least once (twice at
     * worst, which the restore de-duplicates), whereas the other order could miss it in both.
     */
    static final List<String> READ_FIRST = List.of("tasks_archive");

    /**
     * Application collections in the order they are read ({@link #READ_FIRST}, then by name): everything but system
     * collections, views and {@code excluded}.
     */
    static TreeMap<String, BsonDocument> collections(MongoDatabase database, Set<String> excluded) {
        TreeMap<String, BsonDocument> result = new TreeMap<>(java.util.Comparator
                .comparingInt((String name) -> READ_FIRST.contains(name) ? READ_FIRST.indexOf(name) : READ_FIRST.size())
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (BsonDocument info : database.listCollections(BsonDocument.class)) {
            String name = info.getString("name").getValue();
            String type = info.containsKey("type") ? info.getString("type").getValue() : "collection";
            if (!"collection".equals(type) || name.startsWith("system.") || excluded.contains(name)) {
                continue;
            }
            result.put(name, info);
        }
        return result;
    }

    /**
     * A collection whose read fails on the server is written again from the start, up to {@link #READ_ATTEMPTS}
     * times: the embedded development server's H2 store occasionally fails a long read while it compacts.
     */
    private Manifest.Entry writeCollectionRetrying(MongoDatabase database, String name, BsonDocument info,
                                                   Path dbDir, java.util.Map<String, String> sealedHashes,
                                                   Progress progress) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return writeCollection(database, name, info, dbDir, sealedHashes, progress);
            } catch (MongoException e) {
                if (attempt >= READ_ATTEMPTS) {
                    throw e;
                }
                LOG.warning("Reading collection " + name + " failed (attempt " + attempt + " of " + READ_ATTEMPTS
                        + "), writing it again: " + e.getMessage());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private Manifest.Entry writeCollection(MongoDatabase database, String name, BsonDocument info, Path dbDir,
                                           java.util.Map<String, String> sealedHashes, Progress progress)
            throws IOException {
        String bsonFile = database.getName() + "/" + name + ".bson.gz";
        String metadataFile = database.getName() + "/" + name + ".metadata.json.gz";
        MongoCollection<RawBsonDocument> collection = database.getCollection(name, RawBsonDocument.class);
        long count = 0;
        long bytes = 0;
        String bsonSha;
        try (Output out = new Output(dbDir, bsonFile, name + ".bson.gz", sealedHashes)) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out.stream(), 1 << 16);
                 MongoCursor<RawBsonDocument> cursor = collection.find().batchSize(BATCH_SIZE).cursor()) {
                while (cursor.hasNext()) {
                    bytes += BackupFiles.write(cursor.next(), gzip);
                    if (++count % BATCH_SIZE == 0) {
                        progress.checkpoint();
                    }
                }
                gzip.finish();
                bsonSha = out.finish();
            }
        }
        byte[] metadata = metadata(collection, name, info).getBytes(StandardCharsets.UTF_8);
        String metadataSha;
        try (Output out = new Output(dbDir, metadataFile, name + ".metadata.json.gz", sealedHashes)) {
            try (GZIPOutputStream gzip = new GZIPOutputStream(out.stream())) {
                gzip.write(metadata);
                gzip.finish();
                metadataSha = out.finish();
            }
        }
        progress.collectionWritten(name, count, bytes);
        return new Manifest.Entry(name, count, bsonFile, bsonSha, bytes, metadataFile, metadataSha);
    }

    /**
     * One collection file as it is written: the mongodump file itself, or, when backups are sealed, only its
     * encrypted form ({@code .enc}), encrypted as it streams, so no clear text ever reaches the backup directory.
     * Hashes the clear bytes (what the manifest entry records) and the sealed ones; {@link #finish()} makes the
     * file durable before its hash is handed out.
     */
    private final class Output implements AutoCloseable {
        private final Path path;
        private final String manifestName;
        private final java.util.Map<String, String> sealedHashes;
        private final FileOutputStream file;
        private final MessageDigest clearDigest = BackupFiles.sha256();
        private final MessageDigest sealedDigest = BackupFiles.sha256();
        private final BufferedOutputStream buffered;
        private final BackupCipher.Encrypting encrypting;
        private final DigestOutputStream clear;

        Output(Path dbDir, String manifestName, String fileName, java.util.Map<String, String> sealedHashes)
                throws IOException {
            this.manifestName = manifestName;
            this.sealedHashes = sealedHashes;
            this.path = dbDir.resolve(sealing == null ? fileName : fileName + Manifest.SEALED_SUFFIX);
            this.file = new FileOutputStream(path.toFile());
            this.buffered = new BufferedOutputStream(file, 1 << 16);
            if (sealing == null) {
                encrypting = null;
                clear = new DigestOutputStream(buffered, clearDigest);
            } else {
                encrypting = BackupCipher.encrypting(new DigestOutputStream(buffered, sealedDigest), sealing.key(),
                        manifestName);
                clear = new DigestOutputStream(encrypting, clearDigest);
            }
        }

        /** Where the file's clear bytes go; closing it does not close the file. */
        OutputStream stream() {
            return new java.io.FilterOutputStream(clear) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }

        /** Writes what is buffered, syncs the file and returns the SHA-256 of its clear bytes. */
        String finish() throws IOException {
            clear.flush();
            if (encrypting != null) {
                encrypting.finish();
                sealedHashes.put(manifestName, BackupFiles.hex(sealedDigest.digest()));
            }
            buffered.flush();
            sync.force(path, file);
            return BackupFiles.hex(clearDigest.digest());
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** mongodump's metadata document: {options?, indexes, uuid?, collectionName, type}, canonical Extended JSON. */
    static String metadata(MongoCollection<?> collection, String name, BsonDocument info) {
        BsonDocument metadata = new BsonDocument();
        BsonValue options = info.get("options");
        if (options != null && options.isDocument() && !options.asDocument().isEmpty()) {
            metadata.put("options", options);
        }
        BsonArray indexes = new BsonArray();
        for (BsonDocument index : collection.listIndexes(BsonDocument.class)) {
            index.remove("ns");
            indexes.add(index);
        }
        metadata.put("indexes", indexes);
        BsonValue infoDoc = info.get("info");
        if (infoDoc != null && infoDoc.isDocument() && infoDoc.asDocument().get("uuid") instanceof BsonBinary uuid
                && uuid.getType() == BsonBinarySubType.UUID_STANDARD.getValue()) {
            metadata.put("uuid", new BsonString(BackupFiles.hex(uuid.getData())));
        }
        metadata.put("collectionName", new BsonString(name));
        metadata.put("type", new BsonString("collection"));
        return metadata.toJson(CANONICAL);
    }

    /** Makes the directory's entries durable, so a published backup's files and name survive a power loss. */
    private static void syncDirectory(Path dir) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(dir,
                java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory (it is then durable by their own rules); not a failure.
            LOG.fine("cannot sync directory " + dir + ": " + e);
        }
    }

    private void writeSynced(Path path, byte[] content) throws IOException {
        try (FileOutputStream out = new FileOutputStream(path.toFile())) {
            out.write(content);
            sync.force(path, out);
        }
    }
}
