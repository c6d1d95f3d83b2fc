package app.pdeck.security;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login}. */
public record Credentials(@Schema(examples = "ada@example.com") @NotNull @Size(max = 254) String email,
                          @Schema(examples = "correct-horse-battery") @NotNull @Size(max = 200) String password) {
}
