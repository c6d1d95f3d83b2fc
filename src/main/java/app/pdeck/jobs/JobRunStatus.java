package app.pdeck.jobs;

/** Where a run of a job is. */
public enum JobRunStatus {
    RUNNING, SUCCEEDED, FAILED,
    /** Another node (or another run on this node) held the job's cluster lock; this run did nothing. */
    SKIPPED_LOCKED
}
