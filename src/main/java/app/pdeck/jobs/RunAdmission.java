package app.pdeck.jobs;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a run may do its work: a scheduled run first claims its occurrence in the {@link OccurrenceLedger}
 * (once per cluster, whatever the lock did meanwhile), then every run takes its job's {@link LeaseLock} so runs
 * sharing a lock never overlap. Keeping the two apart is what makes a manual run unable to re-enable an occurrence:
 * the lock only knows who runs now, the ledger what has run.
 *
 * <p>Plain Java on a database, so tests can drive two "nodes" through the very code {@link JobRunner} uses.
 */
final class RunAdmission {

    /** What the run does. */
    sealed interface Decision {
    }

    /** Work, holding {@code lease}. */
    record Admitted(LeaseLock.Lease lease) implements Decision {
    }

    /** Do nothing and record {@code status}. */
    record Skipped(JobRunStatus status, String reason) implements Decision {
    }

    private final LeaseLock lock;
    private final OccurrenceLedger ledger;

    RunAdmission(MongoDatabase database, Clock clock) {
        this.lock = new LeaseLock(database.getCollection(JobRunner.LOCK_COLLECTION), clock);
        this.ledger = new OccurrenceLedger(database.getCollection(OccurrenceLedger.COLLECTION), clock);
    }

    LeaseLock lock() {
        return lock;
    }

    OccurrenceLedger ledger() {
        return ledger;
    }

    /**
     * @param occurrence the scheduled time a timer run stands for ({@link JobSchedule#occurrenceAt}); empty for a
     *                   manual run, which is never deduplicated
     */
    Decision admit(String job, String lockName, String runId, String node, Optional<Instant> occurrence,
                   Duration lease) {
        if (occurrence.isPresent() && !ledger.claim(job, occurrence.get(), runId, node)) {
            return new Skipped(JobRunStatus.SKIPPED_DUPLICATE, "occurrence " + occurrence.get() + " already claimed");
        }
        String held = occurrence.map(o -> "schedule:" + o).orElse("manual:" + runId);
        return lock.tryAcquire(lockName, runId, node, held, lease).<Decision>map(Admitted::new)
                .orElseGet(() -> {
                    // The occurrence stays claimed: the run that holds the lock does the work this occurrence
                    // asked for, and no other node's timer may start it later.
                    occurrence.ifPresent(o -> ledger.finished(job, o, runId, JobRunStatus.SKIPPED_LOCKED));
                    return new Skipped(JobRunStatus.SKIPPED_LOCKED, "lock " + lockName + " is held");
                });
    }

    /** The run ended: the occurrence records how, and the lock is given up. */
    void finished(String job, Optional<Instant> occurrence, String runId, JobRunStatus status, LeaseLock.Lease lease) {
        try {
            occurrence.ifPresent(o -> ledger.finished(job, o, runId, status));
        } finally {
            lock.release(lease);
        }
    }
}
