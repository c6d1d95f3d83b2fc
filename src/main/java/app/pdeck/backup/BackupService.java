package app.pdeck.backup;

import app.pdeck.platform.NodeName;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.jobs.JobRunRepository;
import app.pdeck.jobs.JobRunner;
import app.pdeck.jobs.JobTrigger;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.ReadPolicy;
import app.pdeck.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The nightly backup job and the backup use cases of the admin API: list, inspect, verify, delete, and start a
 * backup or a restore (both run as jobs under the one {@code backup} lock, so they never overlap in the cluster).
 */
@ApplicationScoped
public class BackupService implements Job {

    /** Job bookkeeping, rebuilt by the jobs themselves: not backed up, and a restore leaves them alone. */
    /** Run records, leases and metrics describe the servers, not the data; a restore must not bring old ones back. */
    public static final Set<String> NOT_BACKED_UP = Set.of(JobRunRepository.COLLECTION, JobRunner.LOCK_COLLECTION,
            "metrics_history", "schema_lock");
    static final String LOCK = "backup";
    /** 422: JAX-RS 3.1's Status enum has no constant for it. */
    static final Response.StatusType UNPROCESSABLE = new Response.StatusType() {
        @Override
        public int getStatusCode() {
            return 422;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Unprocessable Content";
        }
    };

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    ReadPolicy readPolicy;

    @Inject
    JobRunner runner;

    @Inject
    RestoreJob restoreJob;

    @Inject
    @ConfigProperty(name = "pdeck.backup.dir")
    String directory;

    @Inject
    @ConfigProperty(name = "pdeck.backup.retention")
    int retention;

    public BackupStore store() {
        return new BackupStore(Path.of(directory));
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
        BackupStore store = store();
        Manifest manifest = new BackupWriter(store, Clock.systemUTC()).write(
                mongo.database().withReadPreference(readPolicy.forUse(ReadPolicy.Use.BACKUP)), NOT_BACKED_UP,
                NodeName.current(), new BackupWriter.Progress() {
                    @Override
                    public void collectionWritten(String collection, long documents, long bytes) {
                        context.count(collection, documents);
                        context.addBytes(bytes);
                    }

                    @Override
                    public void checkpoint() {
                        context.checkpoint();
                    }
                });
        context.result("backupId", manifest.id());
        context.result("directory", store.root().resolve(manifest.id()).toString());
        List<String> pruned = store.prune(retention);
        int leftovers = store.removeLeftovers();
        if (!pruned.isEmpty()) {
            context.result("pruned", String.join(",", pruned));
        }
        log.info("Backup " + manifest.id() + " written: " + manifest.totalDocuments() + " documents in "
                + manifest.collections().size() + " collections; pruned " + pruned + ", removed " + leftovers
                + " leftover(s)");
    }

    public List<BackupSummary> list() {
        BackupStore store = store();
        return store.list().stream().map(m -> BackupSummary.of(m, store.sizeOnDisk(m.id()))).toList();
    }

    public BackupDetails details(String id) {
        BackupStore store = store();
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        return new BackupDetails(BackupSummary.of(manifest, store.sizeOnDisk(id)), manifest.collections());
    }

    public Verification verify(String id) {
        BackupStore store = store();
        Path dir = store.find(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Verification verification = new BackupVerifier().verify(dir, manifest);
        log.info("Verified backup " + id + ": " + (verification.valid() ? "valid" : verification.problems()));
        return verification;
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
        BackupStore store = store();
        Path dir = store.find(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        Manifest manifest = store.manifest(id).orElseThrow(() -> ApiException.notFound("Backup " + id));
        if (targetDatabase != null && !BackupRestorer.isValidDatabaseName(targetDatabase)) {
            throw ApiException.invalid("targetDatabase", "letters, digits, '_' and '-', at most 63 characters");
        }
        Verification check = new BackupVerifier().checkHashes(dir, manifest);
        if (!check.valid()) {
            log.warning("Restore of backup " + id + " refused: " + check.problems());
            throw new ApiException(UNPROCESSABLE, "backup-invalid",
                    "Backup " + id + " is corrupted or incomplete; nothing was changed: "
                            + String.join("; ", check.problems()));
        }
        runner.lockHolder(LOCK).ifPresent(run -> {
            throw ApiException.conflict("A backup or restore is running (run " + run + "); try again when it ends");
        });
        Map<String, String> parameters = new HashMap<>();
        parameters.put(RestoreJob.BACKUP_ID, id);
        if (targetDatabase != null) {
            parameters.put(RestoreJob.TARGET_DATABASE, targetDatabase);
        }
        return runner.start(restoreJob, JobTrigger.MANUAL, parameters);
    }
}
