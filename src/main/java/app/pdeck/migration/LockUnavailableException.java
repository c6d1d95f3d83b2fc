package app.pdeck.migration;

import jakarta.ws.rs.core.Response;

import java.time.Duration;

/** Another runner holds the cluster lock. */
public class LockUnavailableException extends MigrationException {

    LockUnavailableException(String holder, Duration waited) {
        super(Response.Status.CONFLICT, "migration-locked", "migrations are being run by " + holder + (waited.isZero() ? "" : "; waited " + waited.toMillis() + " ms"));
    }
}
