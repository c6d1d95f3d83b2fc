package app.pdeck.task;

import java.util.List;

/** {@code GET /tasks}: {@code {items, page, size, total}}. */
public record TaskPage(List<TaskView> items, int page, int size, long total) {
}
