package app.pdeck.jobs;

import app.pdeck.platform.NodeName;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedExecutors;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedTask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs jobs: records the run, lets {@link RunAdmission} claim its scheduled occurrence and take the job's cluster
 * lock (or records {@code SKIPPED_DUPLICATE} / {@code SKIPPED_LOCKED}), renews the lease while the job works, and
 * records the outcome. Runs execute on the managed executor, never on the caller's
 * (request or timer) thread.
 */
@ApplicationScoped
public class JobRunner {

    public static final String LOCK_COLLECTION = "job_locks";

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    JobRunRepository runs;

    @Inject
    @Any
    Instance<Job> jobs;

    @Inject
    Event<JobFinished> finished;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "pdeck.jobs.lock.lease-seconds")
    int leaseSeconds;

    private final Clock clock = Clock.systemUTC();

    public Optional<Job> job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public List<Job> all() {
        return jobs.stream().toList();
    }

    /** The run currently holding the lock {@code lockName} anywhere in the cluster. */
    public Optional<String> lockHolder(String lockName) {
        return lock().holder(lockName);
    }

    /** Starts a schedulable job by name now; unknown (or unschedulable) names are 404. */
    public String startManually(String jobName) {
        Job job = job(jobName).filter(Job::scheduled).orElseThrow(() -> ApiException.notFound("Job " + jobName));
        return start(job, JobTrigger.MANUAL, Map.of());
    }

    /**
     * Called by the job's timer with the scheduled time it stands for ({@link JobSchedule#occurrenceAt}), the same
     * on every node however late the timer fired.
     */
    void startScheduled(String jobName, Instant occurrence) {
        Optional<Job> job = job(jobName);
        if (job.isEmpty()) {
            log.warning("Timer fired for unknown job " + jobName + "; ignored");
            return;
        }
        start(job.get(), JobTrigger.SCHEDULE, Map.of(), Optional.of(occurrence));
    }

    /** Records the run as RUNNING and hands it to the managed executor; returns the run id at once. */
    public String start(Job job, JobTrigger trigger, Map<String, String> parameters) {
        return start(job, trigger, parameters, Optional.empty());
    }

    private String start(Job job, JobTrigger trigger, Map<String, String> parameters, Optional<Instant> occurrence) {
        String runId = UUID.randomUUID().toString();
        String node = NodeName.current();
        runs.insertRunning(runId, job.name(), node, trigger, occurrence.orElse(null), parameters, clock.instant());
        Runnable task = () -> execute(job, runId, node, occurrence, new JobContext(runId, parameters));
        executor.execute(ManagedExecutors.managedTask(task,
                Map.of(ManagedTask.LONGRUNNING_HINT, "true", ManagedTask.IDENTITY_NAME, "pdeck-job-" + job.name()),
                null));
        return runId;
    }

    private void execute(Job job, String runId, String node, Optional<Instant> occurrence, JobContext context) {
        Instant startedAt = clock.instant();
        Duration lease = Duration.ofSeconds(leaseSeconds);
        RunAdmission admission = admission();
        LeaseLock lock = admission.lock();
        RunAdmission.Decision decision;
        try {
            decision = admission.admit(job.name(), job.lockName(), runId, node, occurrence, lease);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Job " + job.name() + " run " + runId + " could not claim its occurrence or lock", e);
            finish(job, runId, startedAt, JobRunStatus.FAILED, context, "cannot claim the occurrence or lock: " + e);
            return;
        }
        if (decision instanceof RunAdmission.Skipped skipped) {
            log.info(() -> "Job " + job.name() + " run " + runId + " skipped: " + skipped.reason());
            finish(job, runId, startedAt, skipped.status(), context, null);
            return;
        }
        LeaseLock.Lease owned = ((RunAdmission.Admitted) decision).lease();
        long renewEvery = Math.max(1, leaseSeconds / 3);
        ScheduledFuture<?> renewal = scheduler.scheduleAtFixedRate(() -> {
            try {
                if (!lock.renew(owned, lease)) {
                    context.leaseLost();
                }
            } catch (RuntimeException e) {
                log.warning("Job " + job.name() + " run " + runId + " could not renew its lease: " + e);
            }
        }, renewEvery, renewEvery, TimeUnit.SECONDS);
        long started = System.nanoTime();
        log.info(() -> "Job " + job.name() + " run " + runId + " started on " + node
                + occurrence.map(o -> " for occurrence " + o).orElse(""));
        JobRunStatus outcome = JobRunStatus.FAILED;
        try {
            job.run(context);
            outcome = JobRunStatus.SUCCEEDED;
            finish(job, runId, startedAt, JobRunStatus.SUCCEEDED, context, null);
            log.info(() -> "Job " + job.name() + " run " + runId + " succeeded in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms: " + context.counts()
                    + " " + context.results());
        } catch (Exception | LinkageError | AssertionError e) {
            log.log(Level.SEVERE, "Job " + job.name() + " run " + runId + " failed; it runs again at its next "
                    + "occurrence", e);
            finish(job, runId, startedAt, JobRunStatus.FAILED, context, describe(e));
        } finally {
            renewal.cancel(false);
            try {
                admission.finished(job.name(), occurrence, runId, outcome, owned);
            } catch (RuntimeException e) {
                log.warning("Job " + job.name() + " run " + runId + " could not release its lock (it expires): " + e);
            }
        }
    }

    private void finish(Job job, String runId, Instant startedAt, JobRunStatus status, JobContext context,
                        String error) {
        Instant endedAt = clock.instant();
        try {
            runs.finish(runId, status, endedAt, context.counts(), context.bytes(), context.results(), error);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "Could not record the end of run " + runId + " (" + status + ")", e);
        }
        try {
            finished.fire(new JobFinished(job.name(), status, startedAt, endedAt));
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "An observer of the end of run " + runId + " failed", e);
        }
    }

    private LeaseLock lock() {
        return admission().lock();
    }

    private RunAdmission admission() {
        return new RunAdmission(mongo.database(), clock);
    }

    /** Creates the {@code job_occurrences} TTL index: claims are kept as long as the runs. */
    void ensureOccurrenceIndexes(int retentionDays) {
        admission().ledger().ensureIndexes(Duration.ofDays(retentionDays));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** At start: this node's runs left RUNNING by a crash are recorded as failed. */
    void failInterruptedRuns() {
        long n = runs.failInterrupted(NodeName.current(), clock.instant());
        if (n > 0) {
            log.warning(n + " job run(s) of node " + NodeName.current() + " were interrupted by a stop; recorded as FAILED");
        }
    }
}
