package app.pdeck.user;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /users/me}: only the fields present change. A new password needs the current one.
 */
public record ProfileUpdate(
        @Size(min = 1, max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
        @Valid PreferencesUpdate preferences,
        @Size(min = 10, max = 200, message = "must have at least 10 and at most 200 characters") String password,
        String currentPassword) {

    public record PreferencesUpdate(
            @Pattern(regexp = "light|dark", message = "must be light or dark") String theme,
            Boolean notifications) {
    }
}
