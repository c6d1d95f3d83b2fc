package app.pdeck.chaos;

/** A task as the checker read it back after the run: from the active list or from the archive. */
public record FinalTask(String id, long version, String title, int priority, boolean archived) {
}
