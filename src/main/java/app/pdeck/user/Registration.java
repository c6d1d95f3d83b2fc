package app.pdeck.user;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/register}. */
public record Registration(
        @Schema(examples = "ada@example.com") @NotBlank @Email @Size(max = 254) String email,
        @Schema(examples = "correct-horse-battery") @NotNull @Size(min = 10, max = 200, message = "must have at least 10 and at most 200 characters") String password,
        @Schema(examples = "Ada Lovelace") @NotBlank @Size(max = 100) String name) {
}
