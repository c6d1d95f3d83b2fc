package app.pdeck.info;

/** What {@code GET /api/v1/info} answers. */
public record ServiceInfo(String application, String version, String database, String mongoServerVersion) {
}
