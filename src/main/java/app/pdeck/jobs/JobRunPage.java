package app.pdeck.jobs;

import java.util.List;

/** A page of runs, newest first. */
public record JobRunPage(List<JobRun> items, int page, int size, long total) {
}
