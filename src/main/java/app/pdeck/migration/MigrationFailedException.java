package app.pdeck.migration;

import jakarta.ws.rs.core.Response;

/** A migration threw; it is not recorded as applied and the run stopped there. */
public class MigrationFailedException extends MigrationException {

    private final String version;

    MigrationFailedException(String version, String direction, Throwable cause) {
        super(Response.Status.INTERNAL_SERVER_ERROR, "migration-failed", "migration " + version + " (" + direction + ") failed: " + MigrationState.describe(cause), cause);
        this.version = version;
    }

    public String version() {
        return version;
    }
}
