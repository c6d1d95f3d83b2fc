package app.pdeck.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a job as recorded in {@code job_runs} and shown by the admin API; {@code occurrence} is the scheduled
 * time a timer run stands for (null for manual runs).
 */
public record JobRun(String id, String job, String node, JobTrigger trigger, Instant occurrence, JobRunStatus status,
                     Instant startedAt,
                     Instant endedAt, Map<String, Long> counts, long bytes, Map<String, String> results,
                     Map<String, String> parameters, String error) {
}
