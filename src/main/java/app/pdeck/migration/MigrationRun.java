package app.pdeck.migration;

import java.util.List;

/** What an up or down run did (or, with {@code dryRun}, would do), in the order it did it. */
public record MigrationRun(String direction, boolean dryRun, List<Step> migrations) {

    /** One migration run; {@code durationMs} and {@code inTransaction} are null for a dry run. */
    public record Step(String version, String description, Long durationMs, Boolean inTransaction) {
    }
}
