package app.pdeck.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Applies and reverts migrations in version order against one database: under the cluster lock, after checking
 * the changelog for drift, recording each success in the changelog and each failure apart. Free of CDI so that tests
 * can race two runners on two clients; {@link Migrations} builds it inside the application.
 */
final class MigrationRunner {

    /** Target of {@code down} that reverts every migration. */
    static final String BASELINE = "000";
    private static final Pattern VERSION = Pattern.compile("[Vv]?(\\d{1,9})");
    private static final Logger LOG = Logger.getLogger(MigrationRunner.class.getName());

    private final MongoClient client;
    private final MongoDatabase database;
    private final List<Migration> migrations;
    private final Map<String, String> checksums = new HashMap<>();
    private final Changelog changelog;
    private final MigrationLock lock;
    private final MigrationState state;
    private final String node;
    private final Clock clock;
    private final Consumer<String> onCompleted;
    private final BeforeDataChange beforeDataChange;

    /**
     * Takes the backup a run that changes data must not start without, stamped with the changelog version it is
     * taken at; returns its id, or empty when there is nothing to back up (an empty database). Throwing stops the
     * run before any migration.
     */
    @FunctionalInterface
    interface BeforeDataChange {
        Optional<String> backup(String changelogVersion, String reason);
    }

    /**
     * @param onCompleted told after each migration that completed (up or down), with a reason such as
     *                    {@code "migration 002 up"}; used to invalidate caches
     */
    MigrationRunner(MongoClient client, String databaseName, List<Migration> migrations, MigrationLock lock,
                    MigrationState state, String node, Clock clock, Consumer<String> onCompleted) {
        this(client, databaseName, migrations, lock, state, node, clock, onCompleted,
                (version, reason) -> Optional.empty());
    }

    MigrationRunner(MongoClient client, String databaseName, List<Migration> migrations, MigrationLock lock,
                    MigrationState state, String node, Clock clock, Consumer<String> onCompleted,
                    BeforeDataChange beforeDataChange) {
        this.beforeDataChange = beforeDataChange;
        this.client = client;
        this.database = client.getDatabase(databaseName);
        this.migrations = sorted(migrations);
        this.changelog = new Changelog(database);
        this.lock = lock;
        this.state = state;
        this.node = node;
        this.clock = clock;
        this.onCompleted = onCompleted;
        for (Migration migration : this.migrations) {
            checksums.put(migration.version(), MigrationChecksum.of(migration));
        }
    }

    MigrationStatus status() {
        Map<String, ChangelogEntry> applied = changelog.applied();
        Map<String, FailedAttempt> failures = changelog.failures();
        List<MigrationStatus.Pending> pending = new ArrayList<>();
        for (Migration migration : migrations) {
            if (!applied.containsKey(migration.version())) {
                pending.add(new MigrationStatus.Pending(migration.version(), migration.description(),
                        migration.transactional(), failures.get(migration.version())));
            }
        }
        List<String> withoutCode = applied.keySet().stream().filter(v -> find(v) == null)
                .sorted(byVersion()).toList();
        List<ChangelogEntry> appliedInOrder = applied.values().stream()
                .sorted(Comparator.comparing(ChangelogEntry::version, byVersion())).toList();
        MigrationStatus.LockHolder holder = lock.holder()
                .map(h -> new MigrationStatus.LockHolder(h.owner(), h.expiresAt())).orElse(null);
        return new MigrationStatus(appliedInOrder, pending, drift(applied), withoutCode, state.current(), holder,
                changelog.lastBackup());
    }

    /** Applies pending migrations up to and including {@code to} (all when null), waiting up to {@code lockWait}. */
    MigrationRun up(String to, boolean dryRun, Duration lockWait) {
        String target = to == null ? null : knownVersion(to);
        if (dryRun) {
            Map<String, ChangelogEntry> applied = refuseDrift(changelog.applied());
            return new MigrationRun("up", true, planUp(applied, target).stream().map(MigrationRunner::planned).toList());
        }
        return underLock(lockWait, "up", lease -> {
            Map<String, ChangelogEntry> applied = changelog.applied();
            List<Migration> plan = planUp(applied, target);
            String backup = backupBefore("up", applied, plan);
            List<MigrationRun.Step> steps = new ArrayList<>();
            Boolean transactions = null;
            for (Migration migration : plan) {
                lease.ensureHeld();
                if (migration.transactional() && transactions == null) {
                    transactions = serverSupportsTransactions();
                }
                state.running("applying " + migration.version() + " (" + migration.description() + ")");
                steps.add(apply(migration, migration.transactional() && Boolean.TRUE.equals(transactions)));
            }
            return new MigrationRun("up", false, steps, backup);
        });
    }

    /**
     * Reverts applied migrations newer than {@code to}, newest first; {@code to} = {@value #BASELINE} reverts all of
     * them, and no {@code to} reverts only the newest.
     */
    MigrationRun down(String to, boolean dryRun, Duration lockWait) {
        String target = to == null ? null : (isBaseline(to) ? BASELINE : knownVersion(to));
        if (dryRun) {
            Map<String, ChangelogEntry> applied = refuseDrift(changelog.applied());
            return new MigrationRun("down", true, planDown(applied, target).stream().map(MigrationRunner::planned).toList());
        }
        return underLock(lockWait, "down", lease -> {
            Map<String, ChangelogEntry> applied = changelog.applied();
            List<Migration> plan = planDown(applied, target);
            String backup = backupBefore("down", applied, plan);
            List<MigrationRun.Step> steps = new ArrayList<>();
            Boolean transactions = null;
            for (Migration migration : plan) {
                lease.ensureHeld();
                if (migration.transactional() && transactions == null) {
                    transactions = serverSupportsTransactions();
                }
                state.running("reverting " + migration.version() + " (" + migration.description() + ")");
                steps.add(revert(migration, migration.transactional() && Boolean.TRUE.equals(transactions)));
            }
            return new MigrationRun("down", false, steps, backup);
        });
    }

    /**
     * Before a run that includes a migration changing data: the backup, stamped with the newest applied version, and
     * its record in {@code schema_backups} (what {@code GET /admin/migrations} names). Null when none was taken.
     */
    private String backupBefore(String direction, Map<String, ChangelogEntry> applied, List<Migration> plan) {
        if (plan.stream().noneMatch(Migration::changesData)) {
            return null;
        }
        String version = applied.keySet().stream().max(byVersion()).orElse(BASELINE);
        List<String> versions = plan.stream().map(Migration::version).toList();
        state.running("backing up before migrations " + direction + ": " + String.join(", ", versions));
        Optional<String> id = beforeDataChange.backup(version, "before migrations " + direction + ": "
                + String.join(", ", versions));
        id.ifPresent(backup -> {
            changelog.recordBackup(new MigrationStatus.BackupBefore(backup, version, direction, versions,
                    clock.instant()));
            LOG.info(() -> "backup " + backup + " taken at changelog version " + version + " before migrations "
                    + direction + " " + versions);
        });
        return id.orElse(null);
    }

    /** Accepts the current code of every drifted migration: rewrites its stored checksum, audited in the log. */
    List<Drift> repair(String actor) {
        try (MigrationLock.Lease lease = lockOrFail(Duration.ZERO)) {
            List<Drift> drift = drift(changelog.applied());
            Instant now = clock.instant();
            for (Drift d : drift) {
                changelog.repairChecksum(d.version(), d.appliedChecksum(), d.currentChecksum(), actor, now);
                LOG.warning(() -> "AUDIT migration " + d.version() + " checksum repaired by " + actor + " on " + node
                        + ": " + d.appliedChecksum() + " -> " + d.currentChecksum());
            }
            if (drift.isEmpty()) {
                LOG.info(() -> "migration repair by " + actor + ": no drift, nothing changed");
            }
            return drift;
        }
    }

    /**
     * A run that waits for the lock is unattended (the start-up run): readiness reports why it was refused. A run
     * that does not wait answers an admin, who sees the refusal (lock busy, drift) in the response; readiness stays
     * as it was. Either way a migration that throws turns readiness DOWN.
     */
    private MigrationRun underLock(Duration lockWait, String direction, LockedWork work) {
        boolean unattended = !lockWait.isZero();
        MigrationLock.Lease lease;
        if (!unattended) {
            lease = lockOrFail(lockWait);
        } else {
            state.running("waiting for the migration lock");
            try {
                lease = lockOrFail(lockWait);
            } catch (RuntimeException e) {
                state.failed("could not take the migration lock", null, e);
                throw e;
            }
        }
        try (lease) {
            List<Drift> drift = drift(changelog.applied());
            if (!drift.isEmpty()) {
                DriftDetectedException refused = new DriftDetectedException(drift);
                if (unattended) {
                    state.failed("stopped by checksum drift", drift.get(0).version(), refused);
                }
                LOG.severe(refused::getMessage);
                throw refused;
            }
            MigrationRun run = work.run(lease);
            state.done(run.migrations().isEmpty() ? "nothing to " + direction
                    : direction + ": " + run.migrations().stream().map(MigrationRun.Step::version).toList());
            return run;
        } catch (MigrationFailedException e) {
            throw e;
        } catch (DriftDetectedException e) {
            throw e;
        } catch (RuntimeException e) {
            state.failed("migration run stopped", null, e);
            throw e;
        }
    }

    private MigrationLock.Lease lockOrFail(Duration wait) {
        MigrationLock.Lease lease = wait.isZero() ? lock.tryAcquire() : lock.acquire(wait);
        if (lease == null) {
            throw new LockUnavailableException(lock.holder().map(MigrationLock.Holder::describe)
                    .orElse("another runner"), Duration.ZERO);
        }
        return lease;
    }

    private MigrationRun.Step apply(Migration migration, boolean inTransaction) {
        String version = migration.version();
        long started = System.nanoTime();
        try {
            if (inTransaction) {
                try (ClientSession session = client.startSession()) {
                    session.withTransaction(() -> {
                        migration.up(database, session);
                        changelog.recordApplied(entry(migration, started, true), session);
                        return null;
                    });
                }
            } else {
                if (migration.transactional()) {
                    LOG.info(() -> "migration " + version + " asks for a transaction, but the server has none "
                            + "(no replica set or mongos); running it without one");
                }
                migration.up(database);
                changelog.recordApplied(entry(migration, started, false), null);
            }
        } catch (RuntimeException e) {
            throw failed(migration, "up", started, e);
        }
        long ms = elapsedMs(started);
        changelog.clearFailure(version);
        LOG.info(() -> "migration " + version + " applied in " + ms + " ms (" + migration.description() + ")"
                + (inTransaction ? " in a transaction" : ""));
        completed("migration " + version + " up");
        return new MigrationRun.Step(version, migration.description(), ms, inTransaction);
    }

    private MigrationRun.Step revert(Migration migration, boolean inTransaction) {
        String version = migration.version();
        long started = System.nanoTime();
        try {
            if (inTransaction) {
                try (ClientSession session = client.startSession()) {
                    session.withTransaction(() -> {
                        migration.down(database, session);
                        changelog.remove(version, session);
                        return null;
                    });
                }
            } else {
                if (migration.transactional()) {
                    LOG.info(() -> "migration " + version + " asks for a transaction, but the server has none; "
                            + "reverting it without one");
                }
                migration.down(database);
                changelog.remove(version, null);
            }
        } catch (RuntimeException e) {
            throw failed(migration, "down", started, e);
        }
        long ms = elapsedMs(started);
        changelog.clearFailure(version);
        LOG.info(() -> "migration " + version + " reverted in " + ms + " ms (" + migration.description() + ")");
        completed("migration " + version + " down");
        return new MigrationRun.Step(version, migration.description(), ms, inTransaction);
    }

    private MigrationFailedException failed(Migration migration, String direction, long started, RuntimeException e) {
        MigrationFailedException failure = new MigrationFailedException(migration.version(), direction, e);
        LOG.log(Level.SEVERE, failure.getMessage(), e);
        try {
            changelog.recordFailure(new FailedAttempt(migration.version(), direction, MigrationState.describe(e),
                    clock.instant(), elapsedMs(started), node, ChangelogEntry.FAILED));
        } catch (RuntimeException recordError) {
            LOG.log(Level.WARNING, "could not record the failed attempt of " + migration.version(), recordError);
        }
        state.failed("migration " + migration.version() + " (" + direction + ") failed", migration.version(), e);
        return failure;
    }

    private void completed(String reason) {
        try {
            onCompleted.accept(reason);
        } catch (RuntimeException e) {
            // The migration is durable and recorded; a listener's failure must not turn it into a failed one.
            LOG.log(Level.WARNING, "listener failed after " + reason, e);
        }
    }

    private ChangelogEntry entry(Migration migration, long started, boolean inTransaction) {
        return new ChangelogEntry(migration.version(), migration.description(), checksums.get(migration.version()),
                clock.instant(), elapsedMs(started), node, ChangelogEntry.APPLIED, inTransaction);
    }

    private List<Migration> planUp(Map<String, ChangelogEntry> applied, String target) {
        return migrations.stream()
                .filter(m -> !applied.containsKey(m.version()))
                .filter(m -> target == null || byVersion().compare(m.version(), target) <= 0)
                .toList();
    }

    private List<Migration> planDown(Map<String, ChangelogEntry> applied, String target) {
        List<String> appliedNewestFirst = applied.keySet().stream().sorted(byVersion().reversed()).toList();
        List<String> toRevert = target == null
                ? appliedNewestFirst.stream().limit(1).toList()
                : appliedNewestFirst.stream().filter(v -> byVersion().compare(v, target) > 0).toList();
        List<Migration> plan = new ArrayList<>();
        for (String version : toRevert) {
            Migration migration = find(version);
            if (migration == null) {
                throw new MigrationException("applied migration " + version + " has no code in this build, so it "
                        + "cannot be reverted here");
            }
            plan.add(migration);
        }
        return plan;
    }

    /** A dry run answers what the real run would: drift refuses it too. */
    private Map<String, ChangelogEntry> refuseDrift(Map<String, ChangelogEntry> applied) {
        List<Drift> drift = drift(applied);
        if (!drift.isEmpty()) {
            throw new DriftDetectedException(drift);
        }
        return applied;
    }

    private List<Drift> drift(Map<String, ChangelogEntry> applied) {
        List<Drift> drift = new ArrayList<>();
        for (Migration migration : migrations) {
            ChangelogEntry entry = applied.get(migration.version());
            String current = checksums.get(migration.version());
            if (entry != null && !Objects.equals(entry.checksum(), current)) {
                drift.add(new Drift(migration.version(), migration.description(), entry.checksum(), current));
            }
        }
        return drift;
    }

    /**
     * Transactions need sessions (logicalSessionTimeoutMinutes in the handshake) and a replica set or mongos.
     * {@code hello} is asked first; servers that predate it (or the embedded one) answer {@code isMaster}.
     */
    boolean serverSupportsTransactions() {
        Document hello;
        try {
            hello = database.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            hello = database.runCommand(new Document("isMaster", 1));
        }
        boolean sessions = hello.get("logicalSessionTimeoutMinutes") != null;
        boolean replicated = hello.get("setName") != null || "isdbgrid".equals(hello.get("msg"));
        return sessions && replicated;
    }

    private String knownVersion(String given) {
        String version = normalise(given);
        Migration migration = migrations.stream()
                .filter(m -> byVersion().compare(m.version(), version) == 0).findFirst().orElse(null);
        if (migration == null) {
            throw new UnknownVersionException(version);
        }
        return migration.version();
    }

    private static boolean isBaseline(String given) {
        return Long.parseLong(normalise(given)) == 0;
    }

    static String normalise(String given) {
        var matcher = VERSION.matcher(given == null ? "" : given.trim());
        if (!matcher.matches()) {
            throw new InvalidVersionException(given);
        }
        return matcher.group(1);
    }

    private Migration find(String version) {
        return migrations.stream().filter(m -> m.version().equals(version)).findFirst().orElse(null);
    }

    private static MigrationRun.Step planned(Migration migration) {
        return new MigrationRun.Step(migration.version(), migration.description(), null, null);
    }

    private static List<Migration> sorted(List<Migration> migrations) {
        Map<String, Migration> byVersion = new HashMap<>();
        for (Migration migration : migrations) {
            String version = migration.version();
            if (version == null || !version.matches("\\d{1,9}")) {
                throw new IllegalStateException(migration.getClass().getName() + " has an invalid version '"
                        + version + "' (digits, e.g. 004)");
            }
            Migration clash = byVersion.put(Long.toString(Long.parseLong(version)), migration);
            if (clash != null) {
                throw new IllegalStateException("two migrations have version " + version + ": "
                        + clash.getClass().getName() + " and " + migration.getClass().getName());
            }
        }
        return migrations.stream().sorted(Comparator.comparing(Migration::version, byVersion())).toList();
    }

    static Comparator<String> byVersion() {
        return Comparator.comparingLong(Long::parseLong);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @FunctionalInterface
    private interface LockedWork {
        MigrationRun run(MigrationLock.Lease lease);
    }
}
