package app.pdeck.jobs;

/** What starting a job answers (202): the run to follow at {@code GET /admin/jobs/runs/{runId}}. */
public record JobStarted(String runId) {
}
