package app.pdeck.integration;

import java.time.Instant;
import java.util.Map;

/** An integration as the API shows it: whether a token is stored, never the token. */
public record IntegrationView(String id, IntegrationType type, String displayName, Map<String, String> settings,
                              boolean hasAccessToken, IntegrationStatus status, Instant lastSyncAt,
                              Instant createdAt, long version) {

    static IntegrationView of(Integration i) {
        return new IntegrationView(i.getId(), i.getType(), i.getDisplayName(), i.getSettings(),
                i.getAccessToken() != null, i.getStatus(), i.getLastSyncAt(), i.getCreatedAt(),
                i.getVersion());
    }
}
