package app.pdeck.integration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Map;

/** What a user writes for an integration; {@code accessToken} is accepted but never shown again. */
public record IntegrationContent(
        @NotNull IntegrationType type,
        @NotNull @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String displayName,
        @Size(max = 50) Map<@NotNull @Size(min = 1, max = 100) String, @NotNull @Size(max = 2000) String> settings,
        @Size(min = 1, max = 8192) String accessToken,
        IntegrationStatus status,
        Instant lastSyncAt) {

    public IntegrationContent {
        settings = settings == null ? Map.of() : settings;
        status = status == null ? IntegrationStatus.ACTIVE : status;
    }
}
