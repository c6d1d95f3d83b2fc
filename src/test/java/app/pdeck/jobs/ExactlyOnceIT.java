package app.pdeck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two "nodes" — two independent MongoDB clients, each with the admission {@link JobRunner} uses — and timers that
 * fire on time, late, replayed at start-up or in a race: every scheduled occurrence of a job runs exactly once, and
 * manual runs neither block nor re-enable it. Times are given, not read from the clock, so each interleaving is
 * forced.
 */
class ExactlyOnceIT {

    private static final JobSchedule NIGHTLY = JobSchedule.parse("0 2 * * *", "UTC");
    private static final Instant TWO_AM = Instant.parse("2026-11-25T02:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);

    private MongoClient clientA;
    private MongoClient clientB;
    private String database;

    @BeforeEach
    void connect() {
        clientA = MongoClients.create(TestBackends.get().mongoUri());
        clientB = MongoClients.create(TestBackends.get().mongoUri());
        database = "pdeck_once_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        clientA.getDatabase(database).drop();
        clientA.close();
        clientB.close();
    }

    private RunAdmission node(MongoClient client, Instant now) {
        return new RunAdmission(client.getDatabase(database), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A timer of {@code node} firing at {@code firedAt}: admitted or not; an admitted run finishes at once. */
    private RunAdmission.Decision timerFires(MongoClient client, Instant firedAt) {
        RunAdmission node = node(client, firedAt);
        Optional<Instant> occurrence = Optional.of(NIGHTLY.occurrenceAt(firedAt));
        String runId = UUID.randomUUID().toString();
        RunAdmission.Decision decision = node.admit("backup", "backup", runId, "node", occurrence, LEASE);
        if (decision instanceof RunAdmission.Admitted admitted) {
            node.finished("backup", occurrence, runId, JobRunStatus.SUCCEEDED, admitted.lease());
        }
        return decision;
    }

    private RunAdmission.Decision manualRun(MongoClient client, Instant at) {
        RunAdmission node = node(client, at);
        String runId = UUID.randomUUID().toString();
        RunAdmission.Decision decision = node.admit("backup", "backup", runId, "node", Optional.empty(), LEASE);
        if (decision instanceof RunAdmission.Admitted admitted) {
            node.finished("backup", Optional.empty(), runId, JobRunStatus.SUCCEEDED, admitted.lease());
        }
        return decision;
    }

    @Test
    void aTimerFiringMoreThanThirtySecondsLateOnTheOtherNodeDoesNotRunTheOccurrenceAgain() {
        assertInstanceOf(RunAdmission.Admitted.class, timerFires(clientA, TWO_AM.plusMillis(150)));
        assertInstanceOf(RunAdmission.Skipped.class, timerFires(clientB, TWO_AM.plusSeconds(41)),
                "node B's late timer re-ran the 02:00 backup");
    }

    @Test
    void aMissedTimerReplayedAtStartUpDoesNotRunAnOccurrenceThatRan() {
        assertInstanceOf(RunAdmission.Admitted.class, timerFires(clientA, TWO_AM.plusMillis(20)));
        // Node B was down at 02:00; WildFly fires the missed persistent timer once when B starts at 02:47.
        assertInstanceOf(RunAdmission.Skipped.class, timerFires(clientB, TWO_AM.plusSeconds(47 * 60)),
                "the replayed timer re-ran the 02:00 backup");
    }

    @Test
    void aManualRunInBetweenNeitherBlocksNorReEnablesTheScheduledOccurrence() {
        assertInstanceOf(RunAdmission.Admitted.class, timerFires(clientA, TWO_AM.plusMillis(100)));
        assertInstanceOf(RunAdmission.Admitted.class, manualRun(clientA, TWO_AM.plusSeconds(5)),
                "a manual run after the scheduled one finished must run");
        assertInstanceOf(RunAdmission.Skipped.class, timerFires(clientB, TWO_AM.plusSeconds(20)),
                "a manual run in between re-enabled the 02:00 occurrence for node B's timer");
    }

    @Test
    void theNextOccurrenceRunsAndAMissedOneIsCaughtUpOnce() {
        assertInstanceOf(RunAdmission.Admitted.class, timerFires(clientA, TWO_AM.plusMillis(100)));
        Instant nextNight = TWO_AM.plus(Duration.ofDays(1));
        // Both nodes were down at 02:00 the next night; both replay the missed timer when they start.
        assertInstanceOf(RunAdmission.Admitted.class, timerFires(clientB, nextNight.plusSeconds(600)));
        assertInstanceOf(RunAdmission.Skipped.class, timerFires(clientA, nextNight.plusSeconds(660)));
    }

    @Test
    void exactlyOneOfTwoNodesRunsEachOccurrenceWhenTheirTimersRace() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int day = 0; day < 20; day++) {
                Instant scheduled = TWO_AM.plus(Duration.ofDays(day));
                CountDownLatch start = new CountDownLatch(1);
                Future<RunAdmission.Decision> a = pool.submit(() -> {
                    start.await();
                    return timerFires(clientA, scheduled.plusMillis(3));
                });
                Future<RunAdmission.Decision> b = pool.submit(() -> {
                    start.await();
                    return timerFires(clientB, scheduled.plusMillis(900));
                });
                start.countDown();
                List<RunAdmission.Decision> admitted = new ArrayList<>();
                for (Future<RunAdmission.Decision> decision : List.of(a, b)) {
                    if (decision.get() instanceof RunAdmission.Admitted) {
                        admitted.add(decision.get());
                    }
                }
                assertEquals(1, admitted.size(), "occurrence " + scheduled + " must run exactly once");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
