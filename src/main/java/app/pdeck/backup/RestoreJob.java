package app.pdeck.backup;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.cache.DataChanged;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.jobs.JobRunner;
import app.pdeck.jobs.JobTrigger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Restores one backup (parameters {@code backupId}, optional {@code targetDatabase}) under the data-moving lock;
 * started through the backup API, or at start to finish an interrupted one. A restore of the application database
 * flushes every cache afterwards.
 */
@ApplicationScoped
public class RestoreJob implements Job {

    static final String BACKUP_ID = "backupId";
    static final String TARGET_DATABASE = "targetDatabase";
    /** Only finish a restore that stopped among its renames (started when a node starts). */
    static final String FINISH_INTERRUPTED = "finishInterrupted";

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    BackupService backups;

    @Inject
    Event<DataChanged> dataChanged;

    @Inject
    AuditTrail audit;

    @Inject
    JobRunner runner;

    /**
     * A restore stopped among its renames (the node crashed or was killed) is finished as soon as a node starts,
     * under the data-moving lock like any restore, rather than leaving the application serving a mix of restored
     * and current collections until an admin restores again. A restore still running on another node holds the lock,
     * so this run is then skipped and that one finishes by itself.
     */
    void finishInterruptedAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        try {
            BackupRestorer.interruptedRestore(mongo.database()).ifPresent(backup -> {
                log.warning("A restore of backup " + backup + " stopped among its renames; finishing it");
                runner.start(this, JobTrigger.MANUAL, Map.of(FINISH_INTERRUPTED, "true"));
            });
        } catch (RuntimeException e) {
            log.warning("Could not look for an interrupted restore (the next restore finishes one): " + e);
        }
    }

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String lockName() {
        return BackupService.LOCK;
    }

    @Override
    public boolean scheduled() {
        return false;
    }

    @Override
    public void run(JobContext context) throws Exception {
        if (context.parameter(FINISH_INTERRUPTED) != null) {
            Optional<String> finished = new BackupRestorer().finishInterrupted(mongo.database());
            finished.ifPresent(backup -> {
                context.result("backupId", backup);
                audit.record("backup.restore", AuditOutcome.SUCCESS, backup, Map.of("database", mongo.databaseName(),
                        "finishedInterrupted", "true"));
                dataChanged.fire(DataChanged.forEveryone());
            });
            return;
        }
        String id = context.parameter(BACKUP_ID);
        try {
            restore(context, id);
            audit.record("backup.restore", AuditOutcome.SUCCESS, id, Map.of("database",
                    String.valueOf(context.parameter(TARGET_DATABASE) != null ? context.parameter(TARGET_DATABASE)
                            : mongo.databaseName())));
        } catch (Exception e) {
            audit.record("backup.restore", AuditOutcome.FAILURE, id, Map.of("error", String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private void restore(JobContext context, String id) throws Exception {
        String target = context.parameter(TARGET_DATABASE) != null ? context.parameter(TARGET_DATABASE)
                : mongo.databaseName();
        BackupDirectory store = backups.store();
        Manifest manifest = store.manifest(id).orElseThrow(() -> new IllegalStateException("backup " + id
                + " no longer exists or has no readable manifest"));
        RestoreReport report = new BackupRestorer().restoreStored(store, id,
                manifest.encrypted() ? backups.keyFor(manifest) : null, mongo.client().getDatabase(target),
                context::checkpoint);
        report.documents().forEach(context::count);
        context.result("backupId", id);
        context.result("database", target);
        if (target.equals(mongo.databaseName())) {
            // Cache contract: bulk changes flush every user's cached data, after the change is durable.
            dataChanged.fire(DataChanged.forEveryone());
        }
    }
}
