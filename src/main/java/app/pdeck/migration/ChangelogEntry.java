package app.pdeck.migration;

import java.time.Instant;

/**
 * One applied migration as stored in {@code schema_changelog} ({@code _id} = version). Outcome is
 * {@value #APPLIED}; failed attempts are kept apart, in {@code schema_changelog_failures}, with outcome
 * {@value #FAILED}, so the changelog lists exactly what is applied.
 */
public record ChangelogEntry(String version, String description, String checksum, Instant appliedAt,
                             long durationMs, String node, String outcome, boolean inTransaction) {

    public static final String APPLIED = "APPLIED";
    public static final String FAILED = "FAILED";
}
