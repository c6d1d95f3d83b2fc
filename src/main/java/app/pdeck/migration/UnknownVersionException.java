package app.pdeck.migration;

import jakarta.ws.rs.core.Response;

/** A target version that no migration has. */
public class UnknownVersionException extends MigrationException {

    UnknownVersionException(String version) {
        super(Response.Status.NOT_FOUND, "not-found", "no migration has version " + version);
    }
}
