package app.pdeck.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run that changes data starts only after a backup stamped with the changelog version it was taken at, and the
 * status names that backup (issue 17, "Also": the way back when a migration's down is not enough).
 */
class MigrationBackupTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();
    private static final MongoClient client = mongo.newClient();
    private static final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();

    private String databaseName;
    private MongoDatabase database;

    /** What the backup saw when it was taken: the version it was stamped with and the migrations already run. */
    private record Taken(String changelogVersion, String reason, List<Integer> upsSoFar) {
    }

    private final List<Taken> taken = new ArrayList<>();

    @AfterAll
    static void stopRenewer() {
        renewer.shutdownNow();
    }

    @BeforeEach
    void freshDatabase() {
        databaseName = "backup_before_" + UUID.randomUUID().toString().substring(0, 8);
        database = client.getDatabase(databaseName);
        taken.clear();
    }

    private MigrationRunner runner(MigrationRunner.BeforeDataChange backup, Migration... migrations) {
        MigrationLock lock = new MigrationLock(database, "node-a", Duration.ofSeconds(3), renewer, Clock.systemUTC());
        return new MigrationRunner(client, databaseName, List.of(migrations), lock,
                new MigrationState(Clock.systemUTC()), "node-a", Clock.systemUTC(), reason -> { }, backup);
    }

    @Test
    void aRunThatChangesDataStartsOnlyAfterABackupStampedWithTheVersionBeforeIt() {
        CountingMigration m1 = new CountingMigration("001");
        CountingMigration m2 = new CountingMigration("002");
        CountingMigration m3 = new CountingMigration("003");
        runner((version, reason) -> Optional.of("b-first"), m1).up(null, false, WAIT);

        MigrationRunner runner = runner((version, reason) -> {
            taken.add(new Taken(version, reason, List.of(m1.ups.get(), m2.ups.get(), m3.ups.get())));
            return Optional.of("20261202T010000000Z");
        }, m1, m2, m3);
        MigrationRun run = runner.up(null, false, WAIT);

        assertEquals(List.of(new Taken("001", "before migrations up: 002, 003", List.of(1, 0, 0))), taken,
                "one backup, before the first migration of the run changed anything");
        assertEquals("20261202T010000000Z", run.backupBefore());
        MigrationStatus.BackupBefore named = runner.status().lastBackup();
        assertEquals("20261202T010000000Z", named.backupId());
        assertEquals("001", named.changelogVersion());
        assertEquals(List.of("002", "003"), named.migrations());
        assertEquals("up", named.direction());

        runner.down("001", false, WAIT);
        assertEquals("003", taken.get(1).changelogVersion(), "a down that changes data is backed up first too");
        assertEquals("before migrations down: 003, 002", taken.get(1).reason());
    }

    @Test
    void aBackupThatFailsStopsTheRunBeforeAnyMigration() {
        CountingMigration m1 = new CountingMigration("001");
        MigrationRunner runner = runner((version, reason) -> {
            throw new IllegalStateException("backup directory full");
        }, m1);

        assertThrows(IllegalStateException.class, () -> runner.up(null, false, WAIT));
        assertEquals(0, m1.ups.get());
        assertEquals(1, runner.status().pending().size());
    }

    @Test
    void nothingToRunTakesNoBackupAndADryRunNeither() {
        CountingMigration m1 = new CountingMigration("001");
        MigrationRunner runner = runner((version, reason) -> {
            taken.add(new Taken(version, reason, List.of()));
            return Optional.of("x");
        }, m1);
        runner.up(null, true, WAIT);
        assertTrue(taken.isEmpty());
        runner.up(null, false, WAIT);
        taken.clear();
        assertNull(runner.up(null, false, WAIT).backupBefore());
        assertTrue(taken.isEmpty());
    }
}
