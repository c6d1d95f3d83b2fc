package app.pdeck.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.archive.ArchiveService;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.LeaseLock;
import app.pdeck.testsupport.InProcessMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jobs that move or replace user data exclude each other in the cluster: while one holds its lock, none of the
 * others can take theirs (issue 17, item 1: a restore renaming over tasks_archive between the archiver's copy and
 * its delete lost the task).
 */
class DataMovingJobsTest {

    @RegisterExtension
    static InProcessMongo mongo = new InProcessMongo();

    private static List<Job> dataMovingJobs() {
        return List.of(new ArchiveService(), new BackupService(), new RestoreJob());
    }

    @Test
    void whileOneDataMovingJobRunsNoOtherCanTakeItsLock() {
        LeaseLock lock = new LeaseLock(mongo.freshDatabase("locks").getCollection("job_locks"), new TickingClock());
        for (Job running : dataMovingJobs()) {
            Optional<LeaseLock.Lease> held = lock.tryAcquire(running.lockName(), "run-" + running.name(), "node-a",
                    "manual:" + running.name(), Duration.ofMinutes(1));
            assertTrue(held.isPresent(), running.name() + " takes its lock");
            for (Job other : dataMovingJobs()) {
                if (other != running) {
                    assertEquals(Optional.empty(), lock.tryAcquire(other.lockName(), "run-" + other.name(),
                            "node-b", "manual:" + other.name(), Duration.ofMinutes(1)),
                            other.name() + " must not start while " + running.name() + " runs");
                }
            }
            lock.release(held.get());
        }
    }

    /** A second passes between two readings, so a released lease has expired for the next caller. */
    private static final class TickingClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T03:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
