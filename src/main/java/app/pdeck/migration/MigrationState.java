package app.pdeck.migration;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This node's view of the latest migration run, which the {@code migrations} readiness check reports: ready only
 * when the run finished (or start-up runs are switched off); not ready while running, after a failure (naming the
 * version and the error) or when drift or the lock stopped it.
 */
public final class MigrationState {

    public enum Status { NOT_STARTED, RUNNING, DONE, FAILED, SKIPPED }

    /** An immutable view of the state; {@code version} and {@code error} are set for a failure. */
    public record Snapshot(Status status, String detail, String version, String error, Instant since) {

        public boolean ready() {
            return status == Status.DONE || status == Status.SKIPPED;
        }

        /** The readiness check's {@code data}: always {@code status} and {@code detail}, plus the failure. */
        public Map<String, String> readinessData() {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("status", status.name());
            data.put("detail", detail);
            if (version != null) {
                data.put("failingVersion", version);
            }
            if (error != null) {
                data.put("error", error);
            }
            data.put("since", since.toString());
            return data;
        }
    }

    private final Clock clock;
    private volatile Snapshot current;

    public MigrationState(Clock clock) {
        this.clock = clock;
        this.current = new Snapshot(Status.NOT_STARTED, "migrations have not run on this node yet", null, null,
                clock.instant());
    }

    public Snapshot current() {
        return current;
    }

    void running(String detail) {
        current = new Snapshot(Status.RUNNING, detail, null, null, clock.instant());
    }

    void done(String detail) {
        current = new Snapshot(Status.DONE, detail, null, null, clock.instant());
    }

    void skipped(String detail) {
        current = new Snapshot(Status.SKIPPED, detail, null, null, clock.instant());
    }

    void failed(String detail, String version, Throwable error) {
        current = new Snapshot(Status.FAILED, detail, version, describe(error), clock.instant());
    }

    /** Exception class and first line of its message, short enough for a health response. */
    static String describe(Throwable error) {
        if (error == null) {
            return null;
        }
        String message = error.getMessage();
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        if (line.length() > 300) {
            line = line.substring(0, 300) + "…";
        }
        return error.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
    }
}
