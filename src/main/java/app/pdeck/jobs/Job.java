package app.pdeck.jobs;

/**
 * A unit of scheduled or on-demand work that {@link JobRunner} runs under the job's cluster lock and records in
 * {@code job_runs}. Implementations are CDI beans; a job with a {@code pdeck.jobs.<name>.schedule} setting gets an
 * EJB timer.
 */
public interface Job {

    /** The name used in configuration keys, URLs and {@code job_runs}: lower-case, e.g. {@code backup}. */
    String name();

    /** The cluster lock the job runs under; jobs that must not overlap share one. */
    default String lockName() {
        return name();
    }

    /** Whether it has a timer ({@code pdeck.jobs.<name>.*} settings) and can be started by name. */
    default boolean scheduled() {
        return true;
    }

    /**
     * Does the work. Throwing fails the run (the cause is logged and recorded); the job must leave no partial data
     * visible. Long loops call {@link JobContext#checkpoint()} so a run that lost its lock stops.
     */
    void run(JobContext context) throws Exception;
}
