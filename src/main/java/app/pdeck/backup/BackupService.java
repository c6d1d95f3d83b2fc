package app.pdeck.backup;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.platform.NodeName;
import app.pdeck.security.FieldEncryption;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.jobs.JobRunRepository;
import app.pdeck.jobs.OccurrenceLedger;
import app.pdeck.account.Sessions;
import app.pdeck.jobs.JobRunner;
import app.pdeck.jobs.JobTrigger;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.ReadPolicy;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.jobs.LeaseLock;
import com.mongodb.client.MongoDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.Config;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The nightly backup job and the backup use cases of the admin API: list, inspect, verify, delete, and start a
 * backup or a restore (both run as jobs under the data-moving lock, with the archiver, so none of them overlap in
 * the cluster).
 */
@ApplicationScoped
public class BackupService implements Job {

    /** Job bookkeeping, rebuilt by the jobs themselves: not backed up, and a restore leaves them alone. */
    /** Run records, leases and metrics describe the servers, not the data; a restore must not bring old ones back. */
    /** The audit trail is left out too: a restore must never rewrite the record of what happened. */
    /** So is schema_backups (migration.Changelog): a restore must not forget the backups taken before migrations. */
    public static final Set<String> NOT_BACKED_UP = Set.of(JobRunRepository.COLLECTION, JobRunner.LOCK_COLLECTION,
            OccurrenceLedger.COLLECTION, "metrics_history", "schema_lock", "schema_backups", AuditTrail.COLLECTION,
            Sessions.COLLECTION, BackupRestorer.JOURNAL);
    static final String LOCK = Job.DATA_MOVING_LOCK;
    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    ReadPolicy readPolicy;

    @Inject
    JobRunner runner;

    @Inject
    AuditTrail audit;

    @Inject
    FieldEncryption encryption;

    @Inject
    Config config;

    @Inject
    RestoreJob restoreJob;

    @Inject
    @ConfigProperty(name = "pdeck.backup.dir")
    String directory;

    @Inject
    @ConfigProperty(name = "pdeck.backup.retention")
    int retention;

    @Inject
    @ConfigProperty(name = "pdeck.jobs.lock.lease-seconds")
    int leaseSeconds;

    @Resource
    ManagedScheduledExecutorService scheduler;

    public BackupDirectory store() {
        return new BackupDirectory(Path.of(directory));
    }

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String lockName() {
        return LOCK;
    }

    @Override
    public void run(JobContext context) throws Exception {
        try {
            Written written = writeBackup(new BackupWriter.Progress() {
                @Override
                public void collectionWritten(String collection, long documents, long bytes) {
                    context.count(collection, documents);
                    context.addBytes(bytes);
                }

                @Override
                public void checkpoint() {
                    context.checkpoint();
                }
            }, null);
            Manifest manifest = written.manifest();
            context.result("backupId", manifest.id());
            if (!written.pruned().isEmpty()) {
                context.result("pruned", String.join(",", written.pruned()));
            }
            context.result("directory", store().root().resolve(manifest.id()).toString());
            audit.record("backup.create", AuditOutcome.SUCCESS, manifest.id(), Map.of("documents",
                    manifest.totalDocuments(), "encryptionKey", String.valueOf(manifest.encryptionKeyId())));
        } catch (Exception e) {
            audit.record("backup.create", AuditOutcome.FAILURE, null, Map.of("error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    /**
     * The backup a migration run that changes data takes before it starts (on deployment or from the admin API):
     * written at once on the caller's thread, under the data-moving lock like every backup (so no archive run or
     * restore moves data while it reads), and stamped with the changelog version the data is at. Kept until an admin
     * deletes it. Empty when the database holds no document (a fresh deployment): there is nothing to return to.
     *
     * @throws ApiException 409 when another data-moving job runs; the migration run then does not start
     */
    public Optional<String> backupBeforeMigration(String changelogVersion, String reason) throws IOException {
        MongoDatabase database = mongo.database();
        boolean empty = BackupWriter.collections(database, NOT_BACKED_UP).keySet().stream()
                .allMatch(name -> database.getCollection(name).find().limit(1).first() == null);
        if (empty) {
            log.info("No backup " + reason + ": the database holds no document");
            return Optional.empty();
        }
        String runId = "migration-" + UUID.randomUUID();
        Duration lease = Duration.ofSeconds(leaseSeconds);
        LeaseLock lock = new LeaseLock(database.getCollection(JobRunner.LOCK_COLLECTION), Clock.systemUTC());
        LeaseLock.Lease held = lock.tryAcquire(LOCK, runId, NodeName.current(), runId, lease).orElseThrow(() ->
                ApiException.conflict("A backup, restore or archive run is in progress (run "
                        + runner.lockHolder(LOCK).orElse("?") + "); the migrations need a backup first, try again "
                        + "when it ends"));
        AtomicBoolean lost = new AtomicBoolean();
        long every = Math.max(1, leaseSeconds / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> {
            try {
                if (!lock.renew(held, lease)) {
                    lost.set(true);
                }
            } catch (RuntimeException e) {
                log.warning("Backup " + runId + " could not renew its lease: " + e);
            }
        }, every, every, TimeUnit.SECONDS);
        try {
            Manifest manifest = writeBackup(new BackupWriter.Progress() {
                @Override
                public void collectionWritten(String collection, long documents, long bytes) {
                }

                @Override
                public void checkpoint() {
                    if (lost.get()) {
                        throw new IllegalStateException("the backup's cluster lock was lost (lease expired)");
                    }
                }
            }, new Manifest.Stamp(reason, changelogVersion)).manifest();
            audit.record("backup.create", AuditOutcome.SUCCESS, manifest.id(), Map.of("documents",
                    manifest.totalDocuments(), "reason", reason, "changelogVersion", changelogVersion));
            return Optional.of(manifest.id());
        } catch (IOException | RuntimeException e) {
            audit.record("backup.create", AuditOutcome.FAILURE, null, Map.of("error", String.valueOf(e.getMessage()),
                    "reason", reason));
            throw e;
        } finally {
            renewal.cancel(false);
            try {
                lock.release(held);
            } catch (RuntimeException e) {
                log.warning("Backup " + runId + " could not release its lock (it expires): " + e);
            }
        }
    }

    /** A backup just written, and the old ones retention deleted after it. */
    private record Written(Manifest manifest, List<String> pruned) {
    }

    private Written writeBackup(BackupWriter.Progress progress, Manifest.Stamp stamp) throws IOException {
        BackupDirectory store = store();
        Manifest manifest = new BackupWriter(store, Clock.systemUTC(), sealing()).write(
                mongo.database().withReadPreference(readPolicy.forUse(ReadPolicy.Use.BACKUP)), NOT_BACKED_UP,
                NodeName.current(), stamp, progress);
        List<String> pruned = store.prune(retention);
        int leftovers = store.removeLeftovers();
        log.info("Backup " + manifest.id() + (stamp == null ? "" : " (" + stamp.reason() + ", changelog version "
                + stamp.changelogVersion() + ")") + " written: " + manifest.totalDocuments() + " documents in "
                + manifest.collections().size() + " collections; pruned " + pruned + ", removed " + leftovers
                + " leftover(s)");
        return new Written(manifest, pruned);
    }

    /**
     * The key new backups are sealed with: {@code pdeck.backup.encryption-key} names one of {@code pdeck.crypto.keys};
     * unset means unencrypted backups. A named key that is not configured fails the backup rather than writing it
     * in clear.
     */
    private BackupWriter.Sealing sealing() {
        Optional<String> keyId = config.getOptionalValue("pdeck.backup.encryption-key", String.class)
                .filter(s -> !s.isBlank());
        if (keyId.isEmpty()) {
            return null;
        }
        SecretKey key = encryption.key(keyId.get()).orElseThrow(() -> new IllegalStateException(
                "pdeck.backup.encryption-key names key '" + keyId.get() + "', which pdeck.crypto.keys does not hold"));
        return new BackupWriter.Sealing(keyId.get(), key);
    }

    /** The key an encrypted backup needs, or a 422 saying which one is missing; nothing has been changed. */
    SecretKey keyFor(Manifest manifest) {
        return encryption.key(manifest.encryptionKeyId()).orElseThrow(() -> new ApiException(ApiException.UNPROCESSABLE,
                "backup-key-missing", "Backup " + manifest.id() + " is encrypted with key '"
                + manifest.encryptionKeyId() + "', which is not configured (pdeck.crypto.keys); nothing was changed"));
    }

    public List<BackupSummary> list() {
        BackupDirectory store = store();
        return store.list().stream().map(m -> BackupSummary.of(m, store.sizeOnDisk(m.id()))).toList();
    }

    public BackupDetails details(String id) {
        BackupDirectory store = store();
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        return new BackupDetails(BackupSummary.of(manifest, store.sizeOnDisk(id)), manifest.collections());
    }

    public Verification verify(String id) {
        BackupDirectory store = store();
        Path dir = store.find(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Verification verification = manifest.encrypted() ? verifySealed(store, dir, manifest)
                : new BackupVerifier().verify(dir, manifest);
        log.info("Verified backup " + id + ": " + (verification.valid() ? "valid" : verification.problems()));
        return verification;
    }

    /** Integrity of the encrypted files first; only an intact backup is decrypted, while it is read. */
    private Verification verifySealed(BackupDirectory store, Path dir, Manifest manifest) {
        Verification sealed = SealedBackups.checkSealedHashes(dir, manifest);
        if (!sealed.valid()) {
            return sealed;
        }
        Optional<SecretKey> key = encryption.key(manifest.encryptionKeyId());
        if (key.isEmpty()) {
            return new Verification(manifest.id(), false, 0, List.of("the encrypted files are intact, but key '"
                    + manifest.encryptionKeyId() + "' is not configured, so their contents were not checked"));
        }
        return new BackupVerifier().verify(new StoredFiles(dir, key.get()), manifest);
    }

    public void delete(String id) {
        if (!store().delete(id)) {
            throw ApiException.notFound("Backup " + id);
        }
        log.info("Deleted backup " + id);
    }

    public String startBackup() {
        return runner.start(this, JobTrigger.MANUAL, Map.of());
    }

    /**
     * Checks the backup (present, every file with its recorded hash) and that no backup or restore is running,
     * then starts the restore job, which verifies every document before it changes anything.
     */
    public String startRestore(String id, String targetDatabase) {
        BackupDirectory store = store();
        Path dir = store.find(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        if (targetDatabase != null && !BackupRestorer.isValidDatabaseName(targetDatabase)) {
            throw ApiException.invalid("targetDatabase", "letters, digits, '_' and '-', at most 63 characters");
        }
        Verification check = manifest.encrypted() ? SealedBackups.checkSealedHashes(dir, manifest)
                : new BackupVerifier().checkHashes(dir, manifest);
        if (!check.valid()) {
            log.warning("Restore of backup " + id + " refused: " + check.problems());
            throw new ApiException(ApiException.UNPROCESSABLE, "backup-invalid",
                    "Backup " + id + " is corrupted or incomplete; nothing was changed: "
                            + String.join("; ", check.problems()));
        }
        if (manifest.encrypted()) {
            keyFor(manifest);
        }
        runner.lockHolder(LOCK).ifPresent(run -> {
            throw ApiException.conflict("A backup, restore or archive run is in progress (run " + run
                    + "); try again when it ends");
        });
        Map<String, String> parameters = new HashMap<>();
        parameters.put(RestoreJob.BACKUP_ID, id);
        if (targetDatabase != null) {
            parameters.put(RestoreJob.TARGET_DATABASE, targetDatabase);
        }
        return runner.start(restoreJob, JobTrigger.MANUAL, parameters);
    }
}
