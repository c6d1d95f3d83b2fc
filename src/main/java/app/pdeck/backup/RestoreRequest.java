package app.pdeck.backup;

/** Optional body of a restore request: restore into this database instead of the application's. */
public record RestoreRequest(String targetDatabase) {
}
