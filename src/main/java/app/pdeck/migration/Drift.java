package app.pdeck.migration;

/** An applied migration whose code no longer has the checksum recorded when it ran. */
public record Drift(String version, String description, String appliedChecksum, String currentChecksum) {
}
