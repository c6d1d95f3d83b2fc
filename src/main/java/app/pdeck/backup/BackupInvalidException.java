package app.pdeck.backup;

import java.util.List;

/** A backup that fails verification (missing file, wrong hash or count, unreadable document); nothing was changed. */
public class BackupInvalidException extends RuntimeException {

    private final List<String> problems;

    public BackupInvalidException(String id, List<String> problems) {
        super("backup " + id + " is corrupted or incomplete: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
