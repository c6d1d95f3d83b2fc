package app.pdeck.migration;

import java.time.Instant;

/** The latest failed attempt to apply or revert a migration, as kept in {@code schema_changelog_failures}. */
public record FailedAttempt(String version, String direction, String error, Instant attemptedAt, long durationMs,
                            String node, String outcome) {
}
