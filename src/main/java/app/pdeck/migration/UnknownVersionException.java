package app.pdeck.migration;

/** A target version that no migration has. */
public class UnknownVersionException extends MigrationException {

    UnknownVersionException(String version) {
        super("no migration has version " + version);
    }
}
