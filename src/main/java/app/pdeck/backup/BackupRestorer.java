package app.pdeck.backup;

import app.pdeck.archive.TaskArchiver;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.RenameCollectionOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
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
import java.util.Optional;
import java.util.Date;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import javax.crypto.SecretKey;

/**
 * Restores a backup into a database so that it ends with either the existing data or the whole backup, whatever
 * stops it: the backup is verified first; every collection is loaded into a temporary collection (documents, then
 * the indexes from its metadata, then hash and count checked again), and a failure up to there changes nothing;
 * only then is each temporary collection renamed over its target ({@code renameCollection} with {@code
 * dropTarget}), each step recorded in {@code restore_journal}, so a crash among the renames is finished by the next
 * restore ({@link #finishInterrupted}). Revocations are merged rather than replaced; collections that are not in
 * the backup are left alone.
 *
 * <p>Plain Java on a {@link MongoDatabase}: the server's REST API and {@link OfflineRestore} run this same code.
 */
public final class BackupRestorer {

    private static final Logger LOG = Logger.getLogger(BackupRestorer.class.getName());
    private static final int BATCH_DOCUMENTS = 1000;
    private static final int BATCH_BYTES = 8 * 1024 * 1024;
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final String TEMP_PREFIX = "restore_tmp_";
    /** The restore's progress, in the target database; never backed up and never restored. */
    public static final String JOURNAL = "restore_journal";
    private static final String JOURNAL_ID = "restore";
    private static final String LOADING = "loading";
    private static final String REPLACING = "replacing";
    /** security.RevocationStore's collection: merged, never replaced (see {@link #mergeRevocations}). */
    static final String REVOCATIONS = "revoked_tokens";
    /** Nodes' clocks differ by less than this: an unarchive on another node may stamp a time before createdAt. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** Points where tests stop a restore as a crash would; production passes {@link #NONE}. */
    interface Hooks {
        default void beforeRename(String collection) {
        }
    }

    static final Hooks NONE = new Hooks() {
    };

    private final BackupVerifier verifier = new BackupVerifier();
    private final Hooks hooks;

    public BackupRestorer() {
        this(NONE);
    }

    BackupRestorer(Hooks hooks) {
        this.hooks = hooks;
    }

    /**
     * The restore job's run on a stored backup; an encrypted one is decrypted with {@code key} (ignored for a plain
     * one) while it is read, never onto disk.
     *
     * @throws IllegalStateException when the backup is gone or has no readable manifest; nothing was changed
     */
    public RestoreReport restoreStored(BackupDirectory store, String id, SecretKey key, MongoDatabase target,
                                       Runnable checkpoint) throws IOException {
        Path dir = store.find(id).orElseThrow(() -> new IllegalStateException("backup " + id + " no longer exists"));
        Manifest manifest = store.manifest(id).orElseThrow(() -> new IllegalStateException("backup " + id
                + " has no readable manifest"));
        return restore(StoredFiles.of(dir, manifest, key), manifest, target, checkpoint);
    }

    public static boolean isValidDatabaseName(String name) {
        return name != null && DATABASE_NAME.matcher(name).matches();
    }

    /**
     * Finishes a restore that stopped during its renames (see {@link #finishInterrupted}), drops what other
     * interrupted restores left, then restores {@code manifest}'s backup from {@code dir}.
     *
     * @throws BackupInvalidException when the backup fails verification; nothing was changed (beyond finishing an
     *                                interrupted restore)
     * @throws IOException when a file cannot be read during the load; nothing was changed
     */
    public RestoreReport restore(Path dir, Manifest manifest, MongoDatabase target, Runnable checkpoint)
            throws IOException {
        return restore(StoredFiles.plain(dir), manifest, target, checkpoint);
    }

    private RestoreReport restore(StoredFiles files, Manifest manifest, MongoDatabase target, Runnable checkpoint)
            throws IOException {
        finishInterrupted(target);
        int leftovers = dropLeftovers(target);
        if (leftovers > 0) {
            LOG.warning("Dropped " + leftovers + " temporary collection(s) of an interrupted restore in "
                    + target.getName());
        }
        Verification verification = verifier.verify(files, manifest);
        if (!verification.valid()) {
            throw new BackupInvalidException(manifest.id(), verification.problems());
        }
        String token = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        List<String> names = manifest.collections().stream().map(Manifest.Entry::name).toList();
        MongoCollection<Document> journal = target.getCollection(JOURNAL);
        journal.replaceOne(Filters.eq("_id", JOURNAL_ID), new Document("_id", JOURNAL_ID)
                        .append("backupId", manifest.id()).append("backupCreatedAt", Date.from(manifest.createdAt()))
                        .append("token", token).append("phase", LOADING).append("collections", names)
                        .append("done", List.of()).append("startedAt", new Date()),
                new ReplaceOptions().upsert(true));
        Map<String, Long> documents = new LinkedHashMap<>();
        Map<String, Integer> indexes = new LinkedHashMap<>();
        try {
            for (Manifest.Entry entry : manifest.collections()) {
                checkpoint.run();
                String temporary = temporary(token, entry.name());
                BsonDocument metadata = BackupVerifier.readMetadata(files, entry);
                create(target, temporary, metadata);
                documents.put(entry.name(), load(files, entry, target.getCollection(temporary, RawBsonDocument.class),
                        checkpoint));
                indexes.put(entry.name(), createIndexes(target, temporary, metadata));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("Restore of backup " + manifest.id() + " into " + target.getName()
                    + " stopped before changing anything: " + e);
            dropQuietly(target, names.stream().map(n -> temporary(token, n)).toList());
            journal.deleteOne(Filters.eq("_id", JOURNAL_ID));
            throw e;
        }
        // From here on the restore only goes forward: a crash at any point is finished by the next restore.
        journal.updateOne(Filters.eq("_id", JOURNAL_ID), Updates.set("phase", REPLACING));
        complete(target, journal.find(Filters.eq("_id", JOURNAL_ID)).first());
        LOG.info("Restored backup " + manifest.id() + " into " + target.getName() + ": " + documents);
        return new RestoreReport(manifest.id(), target.getName(), documents, indexes);
    }

    /** The backup whose restore into {@code target} stopped among its replacements, if one did. */
    public static Optional<String> interruptedRestore(MongoDatabase target) {
        Document journal = target.getCollection(JOURNAL).find(Filters.and(Filters.eq("_id", JOURNAL_ID),
                Filters.eq("phase", REPLACING))).first();
        return Optional.ofNullable(journal).map(j -> j.getString("backupId"));
    }

    /**
     * Brings a restore that stopped half-way to an end, from its journal ({@code restore_journal}): one stopped while
     * loading changed nothing, and its temporary collections are dropped; one stopped while replacing goes on with
     * the collections it had not replaced yet, from the copies it had loaded, so the database ends up holding the
     * whole backup rather than a mix. Idempotent.
     *
     * @return the id of the backup whose restore was finished, if one was
     */
    public Optional<String> finishInterrupted(MongoDatabase target) {
        Document journal = target.getCollection(JOURNAL).find(Filters.eq("_id", JOURNAL_ID)).first();
        if (journal == null) {
            return Optional.empty();
        }
        String token = journal.getString("token");
        if (LOADING.equals(journal.getString("phase"))) {
            dropQuietly(target, journal.getList("collections", String.class).stream()
                    .map(n -> temporary(token, n)).toList());
            target.getCollection(JOURNAL).deleteOne(Filters.eq("_id", JOURNAL_ID));
            LOG.warning("A restore of backup " + journal.getString("backupId") + " into " + target.getName()
                    + " had stopped while loading; it changed nothing and its copies were dropped");
            return Optional.empty();
        }
        LOG.warning("Finishing the restore of backup " + journal.getString("backupId") + " into " + target.getName()
                + ", which had stopped after replacing " + journal.getList("done", String.class));
        complete(target, journal);
        return Optional.of(journal.getString("backupId"));
    }

    /**
     * Replaces each collection by its loaded copy, recording each one in the journal once done; the revocations
     * are merged instead (see {@link #mergeRevocations}); then duplicates of moved tasks are dropped and the journal
     * removed. Every step is idempotent, so this runs again after a crash at any point.
     */
    private void complete(MongoDatabase target, Document journal) {
        String token = journal.getString("token");
        List<String> names = journal.getList("collections", String.class);
        List<String> done = journal.getList("done", String.class);
        MongoCollection<Document> record = target.getCollection(JOURNAL);
        for (String name : names) {
            if (done.contains(name)) {
                continue;
            }
            hooks.beforeRename(name);
            String temporary = temporary(token, name);
            if (exists(target, temporary)) {
                if (REVOCATIONS.equals(name) && exists(target, REVOCATIONS)) {
                    mergeRevocations(target, temporary);
                    target.getCollection(temporary).drop();
                } else {
                    target.getCollection(temporary).renameCollection(new MongoNamespace(target.getName(), name),
                            new RenameCollectionOptions().dropTarget(true));
                }
            }
            // No temporary copy left means it was renamed (or merged and dropped) just before a crash.
            record.updateOne(Filters.eq("_id", JOURNAL_ID), Updates.addToSet("done", name));
        }
        if (names.contains(TaskArchiver.TASKS) && names.contains(TaskArchiver.ARCHIVE)) {
            long dropped = new TaskArchiver(target, Clock.systemUTC()).dropArchiveCopiesOfTasksUpdatedSince(
                    journal.getDate("backupCreatedAt").toInstant().minus(CLOCK_SKEW));
            if (dropped > 0) {
                LOG.info("Restore of backup " + journal.getString("backupId") + ": " + dropped + " task(s) "
                        + "unarchived while the backup ran were read in both collections; their archive copies "
                        + "were dropped");
            }
        }
        record.deleteOne(Filters.eq("_id", JOURNAL_ID));
    }

    /**
     * Revocations are never rolled back: a token logged out, or an account whose tokens were cut off (deletion,
     * password or role change), after the backup was taken must stay refused. So the backup's revocations are added
     * to the current ones instead of replacing them: a logged-out token is inserted if missing, an account-wide
     * watermark keeps the later {@code validAfter} and {@code expiresAt} of the two.
     */
    private static void mergeRevocations(MongoDatabase target, String temporary) {
        MongoCollection<Document> live = target.getCollection(REVOCATIONS);
        for (Document restored : target.getCollection(temporary).find()) {
            Object id = restored.get("_id");
            if (id instanceof String s && s.startsWith("sub:")) {
                List<Bson> updates = new ArrayList<>();
                if (restored.get("userId") != null) {
                    updates.add(Updates.setOnInsert("userId", restored.get("userId")));
                }
                for (String watermark : List.of("validAfter", "expiresAt")) {
                    if (restored.getDate(watermark) != null) {
                        updates.add(Updates.max(watermark, restored.getDate(watermark)));
                    }
                }
                if (!updates.isEmpty()) {
                    live.updateOne(Filters.eq("_id", id), Updates.combine(updates), new UpdateOptions().upsert(true));
                }
            } else {
                Document fields = new Document(restored);
                fields.remove("_id");
                live.updateOne(Filters.eq("_id", id), new Document("$setOnInsert", fields),
                        new UpdateOptions().upsert(true));
            }
        }
    }

    private static boolean exists(MongoDatabase database, String collection) {
        return database.listCollectionNames().into(new ArrayList<>()).contains(collection);
    }

    private static String temporary(String token, String collection) {
        return TEMP_PREFIX + token + "_" + collection;
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

    private static long load(StoredFiles files, Manifest.Entry entry, MongoCollection<RawBsonDocument> collection,
                             Runnable checkpoint) throws IOException {
        MessageDigest digest = BackupFiles.sha256();
        long count = 0;
        List<RawBsonDocument> batch = new ArrayList<>(BATCH_DOCUMENTS);
        int batchBytes = 0;
        try (InputStream raw = new DigestInputStream(new BufferedInputStream(files.open(entry.bsonFile()), 1 << 16),
                digest);
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
