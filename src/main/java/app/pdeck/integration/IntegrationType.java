package app.pdeck.integration;

public enum IntegrationType {
    GOOGLE_CALENDAR,
    GITHUB,
    SLACK,
    TODOIST
}
