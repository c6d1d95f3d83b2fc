package app.pdeck.task;

import app.pdeck.platform.Paged;
import java.util.List;

/** {@code GET /tasks}: {@code {items, page, size, total}}. */
public record TaskPage(List<TaskView> items, int page, int size, long total) implements Paged {
}
