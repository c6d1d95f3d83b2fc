package app.pdeck.integration;

import app.pdeck.platform.mongo.InstantAsDate;
import app.pdeck.security.EncryptedValue;
import jakarta.nosql.Column;
import jakarta.nosql.Convert;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;
import java.time.Instant;
import java.util.Map;

/** A stored integration; the access token is only ever held encrypted. */
@Entity("integrations")
public class Integration {

    @Id
    private String id;
    @Column
    private String userId;
    @Column
    private IntegrationType type;
    @Column
    private String displayName;
    @Column
    private Map<String, String> settings;
    @Column
    private EncryptedValue accessToken;
    @Column
    private IntegrationStatus status;
    @Column
    @Convert(InstantAsDate.class)
    private Instant lastSyncAt;
    @Column
    @Convert(InstantAsDate.class)
    private Instant createdAt;
    /** Grows with every change; a change is written only from the version it read (see {@link IntegrationStore}). */
    @Column
    private long version;

    public Integration() {
    }

    Integration(String id, String userId, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.createdAt = createdAt;
    }

    void apply(IntegrationContent content, EncryptedValue token) {
        this.type = content.type();
        this.displayName = content.displayName();
        this.settings = Map.copyOf(content.settings());
        this.status = content.status();
        this.lastSyncAt = content.lastSyncAt();
        if (token != null) {
            this.accessToken = token;
        }
    }

    public String getId() {
        return id;
    }

    public String getUserId() {
        return userId;
    }

    public IntegrationType getType() {
        return type;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Map<String, String> getSettings() {
        return settings == null ? Map.of() : settings;
    }

    public EncryptedValue getAccessToken() {
        return accessToken;
    }

    public IntegrationStatus getStatus() {
        return status;
    }

    public Instant getLastSyncAt() {
        return lastSyncAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version;
    }

    /** What the stored integration is after a change made from this copy was written. */
    void changeWritten() {
        version++;
    }
}
