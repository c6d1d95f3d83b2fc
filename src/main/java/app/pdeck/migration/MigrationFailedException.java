package app.pdeck.migration;

/** A migration threw; it is not recorded as applied and the run stopped there. */
public class MigrationFailedException extends MigrationException {

    private final String version;

    MigrationFailedException(String version, String direction, Throwable cause) {
        super("migration " + version + " (" + direction + ") failed: " + MigrationState.describe(cause), cause);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
