package app.pdeck.monitoring;

import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobFinished;
import app.pdeck.jobs.JobRun;
import app.pdeck.jobs.JobRunRepository;
import app.pdeck.jobs.JobRunStatus;
import app.pdeck.jobs.JobRunner;
import io.micrometer.core.instrument.Counter;
import app.pdeck.platform.DeploymentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Job meters: every run ending on this node into the timer {@code pdeck.jobs.runs{job,status}} (count and
 * duration), failures into {@code pdeck.jobs.failures{job}}, and per job the gauges
 * {@code pdeck.jobs.last.success.seconds} (epoch seconds of the newest successful run anywhere in the cluster, read from
 * {@code job_runs} at start and then kept current) and {@code pdeck.jobs.last.duration.seconds} (seconds that run took).
 */
@ApplicationScoped
public class JobMetrics {

    @Inject
    Logger log;

    @Inject
    Instance<MeterRegistry> registries;

    @Inject
    JobRunner runner;

    @Inject
    JobRunRepository runs;

    private final Map<String, LastSuccess> lastSuccess = new ConcurrentHashMap<>();

    /** The newest successful run of one job; NaN until there is one. */
    static final class LastSuccess {
        volatile double endedAtSeconds = Double.NaN;
        volatile double durationSeconds = Double.NaN;

        void set(Instant startedAt, Instant endedAt) {
            durationSeconds = Duration.between(startedAt, endedAt).toMillis() / 1000.0;
            endedAtSeconds = endedAt.toEpochMilli() / 1000.0;
        }
    }

    static final String PREFIX = "pdeck.jobs.";

    private MeterRegistry registry;

    void publish(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry = DeploymentMeters.claim(registries, PREFIX);
        if (registry == null) {
            return;
        }
        for (Job job : runner.all()) {
            LastSuccess last = lastSuccess(job.name());
            try {
                runs.latest(job.name(), JobRunStatus.SUCCEEDED).filter(r -> r.endedAt() != null)
                        .ifPresent((JobRun r) -> last.set(r.startedAt(), r.endedAt()));
            } catch (RuntimeException e) {
                log.info("Last successful run of job " + job.name() + " unknown until its next run: " + e);
            }
        }
    }

    private LastSuccess lastSuccess(String job) {
        return lastSuccess.computeIfAbsent(job, name -> {
            LastSuccess last = new LastSuccess();
            registry.gauge(PREFIX + "last.success.seconds", Tags.of("job", name), last, l -> l.endedAtSeconds);
            registry.gauge(PREFIX + "last.duration.seconds", Tags.of("job", name), last, l -> l.durationSeconds);
            return last;
        });
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, PREFIX);
        }
    }

    void runEnded(@Observes JobFinished run) {
        if (registry == null) {
            return;
        }
        registry.timer(PREFIX + "runs", Tags.of("job", run.job(), "status", run.status().name()))
                .record(run.duration());
        Counter failures = registry.counter(PREFIX + "failures", Tags.of("job", run.job()));
        if (run.status() == JobRunStatus.FAILED) {
            failures.increment();
        }
        if (run.status() == JobRunStatus.SUCCEEDED) {
            lastSuccess(run.job()).set(run.startedAt(), run.endedAt());
        }
    }
}
