package app.pdeck.migration;

/** Why a migration run was refused or stopped; the admin resource maps each kind to a problem type. */
public class MigrationException extends RuntimeException {

    MigrationException(String message) {
        super(message);
    }

    MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
