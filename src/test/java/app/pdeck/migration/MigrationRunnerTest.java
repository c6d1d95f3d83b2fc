package app.pdeck.migration;

import app.pdeck.testsupport.InProcessMongo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MigrationRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();
    private static final MongoClient client = mongo.newClient();
    private static final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    private String databaseName;
    private MongoDatabase database;
    private MigrationState state;
    private final List<String> completed = Collections.synchronizedList(new ArrayList<>());

    @AfterAll
    static void stopRenewer() {
        renewer.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        databaseName = "runner_" + UUID.randomUUID().toString().substring(0, 8);
        database = client.getDatabase(databaseName);
        state = new MigrationState(Clock.systemUTC());
        completed.clear();
    }

    private MigrationRunner runner(Migration... migrations) {
        MigrationLock lock = new MigrationLock(database, "node-a", Duration.ofSeconds(3), renewer, Clock.systemUTC());
        return new MigrationRunner(client, databaseName, List.of(migrations), lock, state, "node-a",
                Clock.systemUTC(), completed::add);
    }

    @Test
    void upAppliesEveryPendingMigrationInVersionOrderAndLeavesNonePending() {
        CountingMigration m1 = new CountingMigration("001");
        CountingMigration m2 = new CountingMigration("002");
        CountingMigration m10 = new CountingMigration("010");
        MigrationRunner runner = runner(m10, m1, m2);

        MigrationRun run = runner.up(null, false, WAIT);

        assertEquals(List.of("001", "002", "010"), run.migrations().stream().map(MigrationRun.Step::version).toList());
        MigrationStatus status = runner.status();
        assertTrue(status.pending().isEmpty());
        assertTrue(status.drift().isEmpty());
        assertEquals(3, status.applied().size());
        ChangelogEntry first = status.applied().get(0);
        assertEquals("001", first.version());
        assertEquals("mark 001", first.description());
        assertEquals(ChangelogEntry.APPLIED, first.outcome());
        assertEquals("node-a", first.node());
        assertTrue(first.checksum().matches("[0-9a-f]{64}"), first.checksum());
        assertNotNull(first.appliedAt());
        assertFalse(first.inTransaction());
        assertEquals(List.of("migration 001 up", "migration 002 up", "migration 010 up"), completed);
        assertEquals(MigrationState.Status.DONE, state.current().status());
        assertTrue(state.current().ready());
    }

    @Test
    void aSecondRunFindsNothingToApply() {
        CountingMigration m1 = new CountingMigration("001");
        MigrationRunner runner = runner(m1);
        runner.up(null, false, WAIT);

        MigrationRun again = runner.up(null, false, WAIT);

        assertTrue(again.migrations().isEmpty());
        assertEquals(1, m1.ups.get());
    }

    @Test
    void upToAVersionStopsThereAndDownToAVersionRevertsNewerOnesNewestFirst() {
        CountingMigration m1 = new CountingMigration("001");
        CountingMigration m2 = new CountingMigration("002");
        CountingMigration m3 = new CountingMigration("003");
        MigrationRunner runner = runner(m1, m2, m3);

        runner.up("V002", false, WAIT);
        assertEquals(List.of("003"), runner.status().pending().stream().map(MigrationStatus.Pending::version).toList());
        runner.up(null, false, WAIT);

        MigrationRun down = runner.down("001", false, WAIT);

        assertEquals(List.of("003", "002"), down.migrations().stream().map(MigrationRun.Step::version).toList());
        assertEquals(List.of("001"), runner.status().applied().stream().map(ChangelogEntry::version).toList());
        assertEquals(1, database.getCollection("marks").countDocuments());
        assertTrue(completed.containsAll(List.of("migration 003 down", "migration 002 down")));
    }

    @Test
    void downWithoutTargetRevertsOnlyTheNewestAndDownToBaselineRevertsAll() {
        MigrationRunner runner = runner(new CountingMigration("001"), new CountingMigration("002"));
        runner.up(null, false, WAIT);

        assertEquals("002", runner.down(null, false, WAIT).migrations().get(0).version());
        assertEquals(1, runner.status().applied().size());
        runner.down(MigrationRunner.BASELINE, false, WAIT);

        assertTrue(runner.status().applied().isEmpty());
        assertEquals(2, runner.status().pending().size());
    }

    @Test
    void dryRunListsWhatWouldRunAndChangesNothing() {
        CountingMigration m1 = new CountingMigration("001");
        MigrationRunner runner = runner(m1, new CountingMigration("002"));

        MigrationRun plan = runner.up(null, true, WAIT);

        assertTrue(plan.dryRun());
        assertEquals(List.of("001", "002"), plan.migrations().stream().map(MigrationRun.Step::version).toList());
        assertNull(plan.migrations().get(0).durationMs());
        assertEquals(0, m1.ups.get());
        assertEquals(2, runner.status().pending().size());
        assertTrue(completed.isEmpty());
    }

    @Test
    void aFailingMigrationIsNotRecordedStopsTheRunAndIsReportedAsPendingAndFailed() {
        CountingMigration m1 = new CountingMigration("001");
        CountingMigration m3 = new CountingMigration("003");
        MigrationRunner runner = runner(m1, new FailingMigration("002"), m3);

        MigrationFailedException failure = assertThrows(MigrationFailedException.class,
                () -> runner.up(null, false, WAIT));

        assertEquals("002", failure.version());
        assertTrue(failure.getMessage().contains("boom in 002"), failure.getMessage());
        assertEquals(List.of("001"), database.getCollection(Changelog.COLLECTION).find()
                .map(d -> d.getString("version")).into(new ArrayList<>()));
        assertEquals(0, m3.ups.get());
        MigrationStatus status = runner.status();
        assertEquals(List.of("002", "003"), status.pending().stream().map(MigrationStatus.Pending::version).toList());
        FailedAttempt attempt = status.pending().get(0).lastFailure();
        assertNotNull(attempt);
        assertEquals(ChangelogEntry.FAILED, attempt.outcome());
        assertTrue(attempt.error().contains("boom in 002"), attempt.error());
        assertEquals(List.of("migration 001 up"), completed);

        MigrationState.Snapshot readiness = state.current();
        assertFalse(readiness.ready());
        assertEquals(MigrationState.Status.FAILED, readiness.status());
        assertEquals("002", readiness.readinessData().get("failingVersion"));
        assertTrue(readiness.readinessData().get("error").contains("boom in 002"));
    }

    @Test
    void aFixedMigrationAppliesOnTheNextRunAndItsFailureIsCleared() {
        assertThrows(MigrationFailedException.class,
                () -> runner(new CountingMigration("001"), new FailingMigration("002")).up(null, false, WAIT));

        MigrationRun fixed = runner(new CountingMigration("001"), new CountingMigration("002")).up(null, false, WAIT);

        assertEquals(List.of("002"), fixed.migrations().stream().map(MigrationRun.Step::version).toList());
        assertEquals(0, database.getCollection(Changelog.FAILURES).countDocuments());
        assertTrue(state.current().ready());
    }

    @Test
    void changedCodeOfAnAppliedMigrationIsDriftThatRefusesRunsUntilRepaired() {
        MigrationRunner runner = runner(new CountingMigration("001"), new CountingMigration("002"));
        runner.up("001", false, WAIT);
        database.getCollection(Changelog.COLLECTION).updateOne(Filters.eq("_id", "001"),
                Updates.set("checksum", "0".repeat(64)));

        MigrationStatus status = runner.status();
        assertEquals(List.of("001"), status.drift().stream().map(Drift::version).toList());
        assertEquals("0".repeat(64), status.drift().get(0).appliedChecksum());
        DriftDetectedException refused = assertThrows(DriftDetectedException.class, () -> runner.up(null, false, WAIT));
        assertTrue(refused.getMessage().contains("001"));
        assertThrows(DriftDetectedException.class, () -> runner.up(null, true, WAIT));
        assertEquals("001", state.current().version(), "the unattended run reports drift in readiness");
        assertFalse(state.current().ready());

        List<Drift> repaired = runner.repair("admin@test");

        assertEquals(List.of("001"), repaired.stream().map(Drift::version).toList());
        Document entry = database.getCollection(Changelog.COLLECTION).find(Filters.eq("_id", "001")).first();
        assertEquals("0".repeat(64), entry.getString("previousChecksum"));
        assertEquals("admin@test", entry.getString("repairedBy"));
        assertTrue(runner.status().drift().isEmpty());
        assertEquals(1, runner.up(null, false, WAIT).migrations().size());
    }

    @Test
    void aTransactionalMigrationRunsWithoutATransactionWhereTheServerHasNone() {
        TransactionalMigration migration = new TransactionalMigration("001");
        MigrationRunner runner = runner(migration);

        assertFalse(runner.serverSupportsTransactions());
        MigrationRun run = runner.up(null, false, WAIT);

        assertEquals(Boolean.FALSE, run.migrations().get(0).inTransaction());
        assertEquals(1, migration.ups.get());
        assertFalse(runner.status().applied().get(0).inTransaction());
    }

    @Test
    void malformedTargetsAreInvalidAndTargetsNoMigrationHasAreUnknown() {
        MigrationRunner runner = runner(new CountingMigration("001"));

        assertThrows(InvalidVersionException.class, () -> runner.up("latest", false, WAIT));
        assertThrows(UnknownVersionException.class, () -> runner.up("007", false, WAIT));
        assertThrows(UnknownVersionException.class, () -> runner.down("007", true, WAIT));
        assertEquals(1, runner.status().pending().size());
    }

    @Test
    void twoMigrationsWithTheSameVersionAreRejected() {
        IllegalStateException clash = assertThrows(IllegalStateException.class,
                () -> runner(new CountingMigration("001"), new CountingMigration("1")));
        assertTrue(clash.getMessage().contains("two migrations have version"));
    }

    @Test
    void driftFoundByAnAdminRequestIsAnsweredWithoutChangingReadiness() {
        MigrationRunner runner = runner(new CountingMigration("001"));
        runner.up(null, false, WAIT);
        database.getCollection(Changelog.COLLECTION).updateOne(Filters.eq("_id", "001"),
                Updates.set("checksum", "0".repeat(64)));

        assertThrows(DriftDetectedException.class, () -> runner.down(null, false, Duration.ZERO));

        assertTrue(state.current().ready());
        assertEquals(1, runner.status().applied().size());
    }

    @Test
    void anAdminRequestWhileAnotherRunnerHoldsTheLockIsRefusedWithoutChangingReadiness() {
        MigrationRunner runner = runner(new CountingMigration("001"));
        runner.up(null, false, WAIT);
        MigrationLock other = new MigrationLock(database, "node-b", Duration.ofSeconds(3), renewer, Clock.systemUTC());

        try (MigrationLock.Lease held = other.tryAcquire()) {
            assertNotNull(held);
            LockUnavailableException refused = assertThrows(LockUnavailableException.class,
                    () -> runner.down(null, false, Duration.ZERO));
            assertTrue(refused.getMessage().contains("node-b"), refused.getMessage());
            assertEquals(held.owner(), runner.status().lock().owner());
        }
        assertNull(runner.status().lock());
        assertTrue(state.current().ready());
    }

    /** Opts into a transaction; its session variant must not be used on a server without transactions. */
    static final class TransactionalMigration extends CountingMigration {

        TransactionalMigration(String version) {
            super(version);
        }

        @Override
        public boolean transactional() {
            return true;
        }

        @Override
        public void up(MongoDatabase database, ClientSession session) {
            throw new AssertionError("no transaction on this server");
        }
    }
}
