package app.pdeck.backup;

import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.cache.DataChanged;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.platform.mongo.MongoConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Restores one backup (parameters {@code backupId}, optional {@code targetDatabase}) under the backup lock; started
 * only through the backup API. A restore of the application database flushes every cache afterwards.
 */
@ApplicationScoped
public class RestoreJob implements Job {

    static final String BACKUP_ID = "backupId";
    static final String TARGET_DATABASE = "targetDatabase";

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
        BackupStore store = backups.store();
        Path dir = store.find(id).orElseThrow(() -> new IllegalStateException("backup " + id + " no longer exists"));
        Manifest manifest = store.manifest(id).orElseThrow(() -> new IllegalStateException("backup " + id
                + " has no readable manifest"));
        var database = mongo.client().getDatabase(target);
        int leftovers = BackupRestorer.dropLeftovers(database);
        if (leftovers > 0) {
            log.warning("Dropped " + leftovers + " temporary collection(s) of an interrupted restore in " + target);
        }
        RestoreReport report;
        if (manifest.encrypted()) {
            Path work = SealedBackups.unseal(store, dir, manifest, backups.keyFor(manifest));
            try {
                report = new BackupRestorer().restore(work, manifest, database, context::checkpoint);
            } finally {
                store.deleteQuietly(work);
            }
        } else {
            report = new BackupRestorer().restore(dir, manifest, database, context::checkpoint);
        }
        report.documents().forEach(context::count);
        context.result("backupId", id);
        context.result("database", target);
        if (target.equals(mongo.databaseName())) {
            // Cache contract: bulk changes flush every user's cached data, after the change is durable.
            dataChanged.fire(DataChanged.forEveryone("restore"));
        }
    }
}
