package app.pdeck.integration;

public enum IntegrationStatus {
    ACTIVE,
    PAUSED,
    ERROR
}
