package app.pdeck.task;

import java.time.Instant;

/** One listing of a user's tasks: filters, order and page. Also the cache key of that listing. */
public record TaskQuery(TaskStatus status, String tag, String projectId, Instant dueBefore, Instant dueAfter,
                        String text, TaskSort sort, int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static TaskQuery defaults() {
        return new TaskQuery(null, null, null, null, null, null, TaskSort.PRIORITY_DESC, 1, DEFAULT_SIZE);
    }
}
