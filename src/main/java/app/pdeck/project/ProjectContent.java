package app.pdeck.project;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The fields of a project a user writes. */
public record ProjectContent(
        @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Size(max = 10_000) String description,
        Boolean archived) {

    public ProjectContent {
        archived = archived != null && archived;
    }
}
