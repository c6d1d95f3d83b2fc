package app.pdeck.jobs;

/**
 * A unit of scheduled or on-demand work that {@link JobRunner} runs under the job's cluster lock and records in
 * {@code job_runs}. Implementations are CDI beans; a job with a {@code pdeck.jobs.<name>.schedule} setting gets an
 * EJB timer.
 */
public interface Job {

    /**
     * The one lock of every job that moves, replaces or copies user data out (archive, backup, restore): without
     * multi-document transactions their steps interleave badly (a restore renaming over {@code tasks_archive}
     * between the archiver's copy and its delete loses the task; an archive move during a backup can leave a task
     * out of it), so they never run at the same time anywhere in the cluster. See docs/data-moving-jobs.md.
     */
    String DATA_MOVING_LOCK = "data-moving";

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
