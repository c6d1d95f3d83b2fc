package app.pdeck.task;

import app.pdeck.platform.PageRequest;
import java.time.Instant;

/** One listing of a user's tasks: filters, order and page. Also the cache key of that listing. */
public record TaskQuery(TaskStatus status, String tag, String projectId, Instant dueBefore, Instant dueAfter,
                        String text, TaskSort sort, int page, int size) {

    public static TaskQuery defaults() {
        return new TaskQuery(null, null, null, null, null, null, TaskSort.PRIORITY_DESC, 1, PageRequest.DEFAULT_SIZE);
    }
}
