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
            dataChanged.fire(DataChanged.forEveryone("restore"));
        }
    }
}
