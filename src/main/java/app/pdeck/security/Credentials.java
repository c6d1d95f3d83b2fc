package app.pdeck.security;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /auth/login}. */
public record Credentials(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 200) String password) {
}
