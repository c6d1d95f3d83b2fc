package app.pdeck.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Keeps one persistent EJB calendar timer per enabled job, built from {@code pdeck.jobs.<job>.schedule}. At start it
 * cancels timers whose schedule no longer matches the configuration (or whose job is disabled) and creates the
 * missing ones, so an operator changes a schedule by changing a setting and restarting. A timer only hands the
 * occurrence (the scheduled time it stands for) to {@link JobRunner}; the occurrence ledger lets one node run it.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobScheduler {

    @Inject
    Logger log;

    @Inject
    Config config;

    @Inject
    JobRunner runner;

    @Inject
    JobRunRepository runs;

    @Resource
    TimerService timerService;

    /** A job's configured timer state. */
    public record ScheduledJob(String job, boolean enabled, String schedule, String timeZone, Instant nextRun) {
    }

    @PostConstruct
    void reconcileTimers() {
        try {
            runs.ensureIndexes();
            runner.ensureOccurrenceIndexes(runs.retentionDays());
            runner.failInterruptedRuns();
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "MongoDB not reachable at start; job_runs indexes are created on the next start", e);
        }
        String timeZone = config.getValue("pdeck.jobs.time-zone", String.class);
        for (Job job : runner.all()) {
            if (!job.scheduled()) {
                continue;
            }
            boolean enabled = config.getValue("pdeck.jobs." + job.name() + ".enabled", Boolean.class);
            String cron = config.getValue("pdeck.jobs." + job.name() + ".schedule", String.class);
            JobSchedule schedule;
            try {
                schedule = JobSchedule.parse(cron, timeZone);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("pdeck.jobs." + job.name() + ".schedule: " + e.getMessage(), e);
            }
            reconcile(job.name(), enabled, schedule);
            if (!enabled) {
                log.info("Job " + job.name() + " is disabled (pdeck.jobs." + job.name() + ".enabled=false)");
            }
        }
    }

    /**
     * Leaves exactly one timer for {@code job} whose info matches the configured schedule (none when disabled):
     * timers of an older configuration and duplicates are cancelled, a missing one is created.
     */
    void reconcile(String job, boolean enabled, JobSchedule schedule) {
        String wanted = schedule.timerInfo(job);
        boolean present = false;
        for (Timer timer : timersOf(job)) {
            if (enabled && !present && wanted.equals(timer.getInfo())) {
                present = true;
            } else {
                log.info("Cancelling timer '" + timer.getInfo() + "' (" + (!enabled ? "job disabled"
                        : wanted.equals(timer.getInfo()) ? "duplicate" : "configuration now: " + wanted) + ")");
                timer.cancel();
            }
        }
        if (enabled && !present) {
            timerService.createCalendarTimer(schedule.toExpression(), new TimerConfig(wanted, true));
            log.info("Created timer '" + wanted + "'");
        }
    }

    @Timeout
    void fire(Timer timer) {
        String job = JobSchedule.jobOf(timer.getInfo());
        if (job == null) {
            return;
        }
        try {
            // The occurrence comes from the timer's own schedule, not from when it fired: a late timer, a timer
            // replayed at start-up and every other node's timer name the same scheduled time.
            Instant occurrence = JobSchedule.of(timer.getSchedule()).occurrenceAt(Instant.now());
            runner.startScheduled(job, occurrence);
        } catch (RuntimeException e) {
            // Not rethrown: the container would retry this occurrence at once; the next occurrence retries.
            log.log(Level.SEVERE, "Could not start job " + job + " for this occurrence (MongoDB down?)", e);
        }
    }

    /** What is scheduled on this node, for the admin API. */
    public List<ScheduledJob> schedules() {
        String timeZone = config.getValue("pdeck.jobs.time-zone", String.class);
        List<ScheduledJob> result = new ArrayList<>();
        for (Job job : runner.all()) {
            if (!job.scheduled()) {
                continue;
            }
            boolean enabled = config.getValue("pdeck.jobs." + job.name() + ".enabled", Boolean.class);
            String cron = config.getValue("pdeck.jobs." + job.name() + ".schedule", String.class);
            Instant next = timersOf(job.name()).stream().findFirst().map(Timer::getNextTimeout).map(Date::toInstant)
                    .orElse(null);
            result.add(new ScheduledJob(job.name(), enabled, cron, timeZone, next));
        }
        return result;
    }

    private List<Timer> timersOf(String job) {
        return timerService.getTimers().stream().filter(t -> job.equals(JobSchedule.jobOf(t.getInfo()))).toList();
    }
}
