package app.pdeck.archive;

import java.util.List;

/** A page of a user's archived tasks, newest archived first. */
public record ArchivedTaskPage(List<ArchivedTask> items, int page, int size, long total) {
}
