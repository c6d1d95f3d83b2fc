package app.pdeck.migration;

import java.time.Duration;

/** Another runner holds the cluster lock. */
public class LockUnavailableException extends MigrationException {

    LockUnavailableException(String holder, Duration waited) {
        super("migrations are being run by " + holder + (waited.isZero() ? "" : "; waited " + waited.toMillis() + " ms"));
    }
}
