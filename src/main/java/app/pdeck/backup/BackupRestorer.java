package app.pdeck.backup;

import app.pdeck.archive.TaskArchiver;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Restores a backup into a database so that a failure at any point before the end leaves the existing data as it
 * was: the backup is verified first; every collection is then loaded into a temporary collection (documents, then
 * the indexes from its metadata, then the hash and count checked again); only when all of them loaded is each
 * temporary collection renamed over its target ({@code renameCollection} with {@code dropTarget}). Collections
 * that are not in the backup are left alone.
 *
 * <p>Plain Java on a {@link MongoDatabase}: the server's REST API and {@link OfflineRestore} run this same code.
 */
public final class BackupRestorer {

    private static final Logger LOG = Logger.getLogger(BackupRestorer.class.getName());
    private static final int BATCH_DOCUMENTS = 1000;
    private static final int BATCH_BYTES = 8 * 1024 * 1024;
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final String TEMP_PREFIX = "restore_tmp_";
    /** Nodes' clocks differ by less than this: an unarchive on another node may stamp a time before createdAt. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final BackupVerifier verifier = new BackupVerifier();

    public static boolean isValidDatabaseName(String name) {
        return name != null && DATABASE_NAME.matcher(name).matches();
    }

    /**
     * @throws BackupInvalidException when the backup fails verification; nothing was changed
     * @throws IOException when a file cannot be read during the load; nothing was changed
     */
    public RestoreReport restore(Path dir, Manifest manifest, MongoDatabase target, Runnable checkpoint)
            throws IOException {
        Verification verification = verifier.verify(dir, manifest);
        if (!verification.valid()) {
            throw new BackupInvalidException(manifest.id(), verification.problems());
        }
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Map<String, String> temporaries = new LinkedHashMap<>();
        Map<String, Long> documents = new LinkedHashMap<>();
        Map<String, Integer> indexes = new LinkedHashMap<>();
        try {
            for (Manifest.Entry entry : manifest.collections()) {
                checkpoint.run();
                String temporary = TEMP_PREFIX + token + "_" + entry.name();
                temporaries.put(entry.name(), temporary);
                BsonDocument metadata = BackupVerifier.readMetadata(dir, entry);
                create(target, temporary, metadata);
                documents.put(entry.name(), load(dir, entry, target.getCollection(temporary, RawBsonDocument.class),
                        checkpoint));
                indexes.put(entry.name(), createIndexes(target, temporary, metadata));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("Restore of backup " + manifest.id() + " into " + target.getName()
                    + " stopped before changing anything: " + e);
            dropQuietly(target, temporaries.values());
            throw e;
        }
        for (var renaming : temporaries.entrySet()) {
            target.getCollection(renaming.getValue()).renameCollection(
                    new MongoNamespace(target.getName(), renaming.getKey()),
                    new RenameCollectionOptions().dropTarget(true));
        }
        if (temporaries.containsKey(TaskArchiver.TASKS) && temporaries.containsKey(TaskArchiver.ARCHIVE)) {
            long dropped = new TaskArchiver(target, Clock.systemUTC())
                    .dropArchiveCopiesOfTasksUpdatedSince(manifest.createdAt().minus(CLOCK_SKEW));
            if (dropped > 0) {
                LOG.info("Restore of backup " + manifest.id() + ": " + dropped + " task(s) unarchived while the "
                        + "backup ran were read in both collections; their archive copies were dropped");
            }
        }
        LOG.info("Restored backup " + manifest.id() + " into " + target.getName() + ": " + documents);
        return new RestoreReport(manifest.id(), target.getName(), documents, indexes);
    }

    /** Drops temporary collections an interrupted restore left behind (a crash between load and rename). */
    public static int dropLeftovers(MongoDatabase database) {
        List<String> leftovers = new ArrayList<>();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith(TEMP_PREFIX)) {
                leftovers.add(name);
            }
        }
        dropQuietly(database, leftovers);
        return leftovers.size();
    }

    private static void create(MongoDatabase target, String temporary, BsonDocument metadata) {
        target.getCollection(temporary).drop();
        BsonDocument command = new BsonDocument("create", new BsonString(temporary));
        BsonValue options = metadata.get("options");
        if (options != null && options.isDocument()) {
            options.asDocument().forEach(command::put);
        }
        target.runCommand(command);
    }

    private static long load(Path dir, Manifest.Entry entry, MongoCollection<RawBsonDocument> collection,
                             Runnable checkpoint) throws IOException {
        MessageDigest digest = BackupFiles.sha256();
        long count = 0;
        List<RawBsonDocument> batch = new ArrayList<>(BATCH_DOCUMENTS);
        int batchBytes = 0;
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(
                java.nio.file.Files.newInputStream(BackupVerifier.resolve(dir, entry.bsonFile())), 1 << 16), digest);
             InputStream in = new GZIPInputStream(raw, 1 << 16)) {
            RawBsonDocument document;
            while ((document = BackupFiles.read(in)) != null) {
                batch.add(document);
                batchBytes += document.getByteBuffer().remaining();
                count++;
                if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
                    collection.insertMany(batch);
                    batch.clear();
                    batchBytes = 0;
                    checkpoint.run();
                }
            }
            if (!batch.isEmpty()) {
                collection.insertMany(batch);
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        }
        String sha = BackupFiles.hex(digest.digest());
        if (!sha.equals(entry.bsonSha256()) || count != entry.count()) {
            throw new BackupInvalidException(entry.name(), List.of(entry.bsonFile() + " changed while restoring"));
        }
        return count;
    }

    /** Creates every index of the metadata except {@code _id_}, which every collection has. */
    private static int createIndexes(MongoDatabase target, String temporary, BsonDocument metadata) {
        BsonArray specs = new BsonArray();
        for (BsonValue value : metadata.getArray("indexes", new BsonArray())) {
            BsonDocument index = value.asDocument().clone();
            if ("_id_".equals(index.getString("name", new BsonString("")).getValue())) {
                continue;
            }
            index.remove("v");
            index.remove("ns");
            index.remove("background");
            specs.add(index);
        }
        if (!specs.isEmpty()) {
            target.runCommand(new BsonDocument("createIndexes", new BsonString(temporary)).append("indexes", specs));
        }
        return specs.size();
    }

    private static void dropQuietly(MongoDatabase database, Iterable<String> names) {
        for (String name : names) {
            try {
                database.getCollection(name).drop();
            } catch (RuntimeException e) {
                LOG.warning("Could not drop temporary collection " + name + " (drop it by hand): " + e);
            }
        }
    }
}
