package app.pdeck.jobs;

/** Where a run of a job is. */
public enum JobRunStatus {
    RUNNING, SUCCEEDED, FAILED,
    /** Another node (or another run on this node) held the job's cluster lock; this run did nothing. */
    SKIPPED_LOCKED,
    /**
     * A timer fired for a scheduled occurrence that was already claimed: by another node, or by this node's timer
     * firing earlier (a late or replayed timer). This run did nothing.
     */
    SKIPPED_DUPLICATE
}
