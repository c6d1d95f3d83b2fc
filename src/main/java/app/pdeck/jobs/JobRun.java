package app.pdeck.jobs;

import java.time.Instant;
import java.util.Map;

/** One run of a job as recorded in {@code job_runs} and shown by the admin API. */
public record JobRun(String id, String job, String node, JobTrigger trigger, JobRunStatus status, Instant startedAt,
                     Instant endedAt, Map<String, Long> counts, long bytes, Map<String, String> results,
                     Map<String, String> parameters, String error) {
}
