package app.pdeck.user;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/register}. */
public record Registration(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull @Size(min = 10, max = 200, message = "must have at least 10 and at most 200 characters") String password,
        @NotBlank @Size(max = 100) String name) {
}
