package app.pdeck.migration;

import java.util.List;

/**
 * What an up or down run did (or, with {@code dryRun}, would do), in the order it did it, and the id of the backup
 * taken before it changed anything ({@code null} when it changed no data or there was nothing to back up).
 */
public record MigrationRun(String direction, boolean dryRun, List<Step> migrations, String backupBefore) {

    MigrationRun(String direction, boolean dryRun, List<Step> migrations) {
        this(direction, dryRun, migrations, null);
    }

    /** One migration run; {@code durationMs} and {@code inTransaction} are null for a dry run. */
    public record Step(String version, String description, Long durationMs, Boolean inTransaction) {
    }
}
