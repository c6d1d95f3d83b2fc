package app.pdeck.jobs;

/** What started a run. */
public enum JobTrigger {
    /** The job's EJB timer fired. */
    SCHEDULE,
    /** An administrator asked for it through the REST API (or an ops script). */
    MANUAL
}
