package app.pdeck.backup;

import java.util.List;

/** The outcome of re-reading a backup: every file hashed, every document parsed and counted. */
public record Verification(String id, boolean valid, long documents, List<String> problems) {
}
