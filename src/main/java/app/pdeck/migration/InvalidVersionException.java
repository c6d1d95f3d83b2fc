package app.pdeck.migration;

import jakarta.ws.rs.core.Response;

/** A target version that is not a version at all (versions are digits, e.g. 003). */
public class InvalidVersionException extends MigrationException {

    InvalidVersionException(String given) {
        super(Response.Status.BAD_REQUEST, "bad-request", "'" + given + "' is not a migration version: use digits such as 003 (a leading V is allowed)");
    }
}
