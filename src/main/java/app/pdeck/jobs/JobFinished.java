package app.pdeck.jobs;

import java.time.Duration;
import java.time.Instant;

/** CDI event fired by {@link JobRunner} on this node when a run ended, whatever its outcome (metrics observe it). */
public record JobFinished(String job, JobRunStatus status, Instant startedAt, Instant endedAt) {

    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }
}
