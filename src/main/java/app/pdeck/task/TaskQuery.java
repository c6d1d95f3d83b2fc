package app.pdeck.task;

import java.time.Instant;

/** One listing of a user's tasks: filters, order and page. Also the cache key of that listing. */
public record TaskQuery(TaskStatus status, String tag, String projectId, Instant dueBefore, Instant dueAfter,
                        String text, TaskSort sort, int page, int size) {
}
