package app.pdeck.task;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The fields of a task a user writes ({@code POST}, {@code PUT}, and the result of a merge patch). Tags are trimmed
 * and de-duplicated; missing priority, status and tags take their defaults.
 */
public record TaskContent(
        @Schema(examples = "Buy oat milk") @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @Size(max = 10_000) String description,
        @Size(max = 64) String projectId,
        @Schema(examples = "3", description = "Higher is more urgent; default 0") Integer priority,
        @Schema(examples = "2026-12-24T17:00:00Z") Instant dueDate,
        TaskStatus status,
        @Schema(examples = "[\"errands\"]") @Size(max = 20, message = "at most 20 tags")
        List<@NotNull @Size(min = 1, max = 40) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String> tags) {

    public TaskContent {
        priority = priority == null ? 0 : priority;
        status = status == null ? TaskStatus.TODO : status;
        tags = tags == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(tags.stream().map(t -> t == null ? null : t.strip()).toList()));
    }
}
