package app.pdeck.migration;

import app.pdeck.platform.NodeName;
import app.pdeck.audit.AuditOutcome;
import app.pdeck.audit.AuditTrail;
import app.pdeck.backup.BackupService;
import app.pdeck.cache.DataChanged;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The application's migrations: discovers the {@link Migration} beans, runs them at start-up and on an admin's
 * request, keeps this node's run state for readiness, and tells the caches after each completed migration.
 */
@ApplicationScoped
public class Migrations {

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    @Any
    Instance<Migration> discovered;

    @Inject
    Event<DataChanged> dataChanged;

    @Inject
    AuditTrail audit;

    @Inject
    BackupService backups;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "pdeck.migrations.run-on-start")
    boolean runOnStart;

    @Inject
    @ConfigProperty(name = "pdeck.migrations.lock-lease-ms")
    long lockLeaseMs;

    @Inject
    @ConfigProperty(name = "pdeck.migrations.lock-wait-ms")
    long lockWaitMs;

    @Inject
    @ConfigProperty(name = "pdeck.migrations.start-retry-ms")
    long startRetryMs;

    private final MigrationState state = new MigrationState(Clock.systemUTC());
    private volatile MigrationRunner runner;
    private volatile com.mongodb.client.MongoClient runnerClient;
    private List<Migration> known;
    private String node;
    private RuntimeException setupError;
    private volatile ScheduledFuture<?> retry;

    @PostConstruct
    void init() {
        node = NodeName.current();
        try {
            List<Migration> migrations = new ArrayList<>();
            discovered.forEach(migrations::add);
            known = migrations;
            runner = newRunner();
            log.info(() -> migrations.size() + " migrations known on node " + node);
        } catch (RuntimeException e) {
            setupError = e;
            state.failed("the migrations could not be loaded", null, e);
            log.log(Level.SEVERE, "the migrations could not be loaded", e);
        }
    }

    /** Every run that changes data is preceded by a backup: the way back when a migration's down is not enough. */
    private java.util.Optional<String> backupBefore(String changelogVersion, String reason) {
        try {
            return backups.backupBeforeMigration(changelogVersion, reason);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the backup before the migrations failed, so none ran: "
                    + e.getMessage(), e);
        }
    }

    /** A runner (and lock) on the current MongoDB client; a credential rotation replaces the client. */
    private MigrationRunner newRunner() {
        com.mongodb.client.MongoClient client = mongo.client();
        MigrationLock lock = new MigrationLock(client.getDatabase(mongo.databaseName()), node,
                Duration.ofMillis(lockLeaseMs), scheduler, Clock.systemUTC());
        MigrationRunner created = new MigrationRunner(client, mongo.databaseName(), known, lock, state, node,
                Clock.systemUTC(), this::invalidateCaches, this::backupBefore);
        runnerClient = client;
        return created;
    }

    private MigrationRunner current() {
        if (runner != null && runnerClient != mongo.client()) {
            synchronized (this) {
                if (runnerClient != mongo.client()) {
                    runner = newRunner();
                }
            }
        }
        return runner;
    }

    public MigrationState.Snapshot state() {
        return state.current();
    }

    /**
     * The deployment-time run: applies every pending migration, waiting for another node's run if need be. Never
     * throws, so the deployment completes and readiness reports what went wrong; a run stopped by something outside
     * the migrations (database unreachable, lock not free in time) is retried.
     */
    void runOnStart() {
        if (!runOnStart) {
            state.skipped("pdeck.migrations.run-on-start is false; run them with POST /api/v1/admin/migrations/up");
            log.info("migrations at start-up are switched off (pdeck.migrations.run-on-start=false)");
            return;
        }
        if (runner == null) {
            return;
        }
        try {
            MigrationRun run = current().up(null, false, Duration.ofMillis(lockWaitMs));
            log.info(() -> run.migrations().isEmpty() ? "migrations: none pending"
                    : "migrations applied at start-up: " + run.migrations().stream().map(MigrationRun.Step::version).toList());
        } catch (MigrationFailedException | DriftDetectedException e) {
            log.severe(() -> "migrations stopped at start-up, readiness stays DOWN: " + e.getMessage());
            audit.record("migration.run", AuditOutcome.FAILURE, "start-up run", java.util.Map.of("error",
                    e.getMessage()));
        } catch (RuntimeException e) {
            log.warning(() -> "migrations could not run at start-up (" + MigrationState.describe(e) + "); retrying in "
                    + startRetryMs + " ms");
            retry = scheduler.schedule(this::runOnStart, startRetryMs, TimeUnit.MILLISECONDS);
        }
    }

    public MigrationStatus status() {
        return ready().status();
    }

    public MigrationRun up(String to, boolean dryRun) {
        return ready().up(to, dryRun, Duration.ZERO);
    }

    public MigrationRun down(String to, boolean dryRun) {
        return ready().down(to, dryRun, Duration.ZERO);
    }

    public List<Drift> repair(String actor) {
        return ready().repair(actor);
    }

    private MigrationRunner ready() {
        if (runner == null) {
            throw new ApiException(Response.Status.INTERNAL_SERVER_ERROR, "migrations-unavailable",
                    "the migrations could not be loaded: " + MigrationState.describe(setupError));
        }
        return current();
    }

    private void completed(String reason) {
        audit.record("migration.run", AuditOutcome.SUCCESS, reason, java.util.Map.of());
        invalidateCaches(reason);
    }

    /** Migrations change everybody's data: every cached user view is stale once one completes. */
    private void invalidateCaches(String migration) {
        dataChanged.fire(DataChanged.forEveryone());
    }

    @PreDestroy
    void stopRetrying() {
        ScheduledFuture<?> pending = retry;
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
