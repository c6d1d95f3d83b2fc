package app.pdeck.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** What a running job sees: its run id and parameters, and where it reports counts, bytes and results. */
public final class JobContext {

    private final String runId;
    private final Map<String, String> parameters;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private final AtomicBoolean leaseLost = new AtomicBoolean();
    private long bytes;

    public JobContext(String runId, Map<String, String> parameters) {
        this.runId = runId;
        this.parameters = Map.copyOf(parameters);
    }

    public String runId() {
        return runId;
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    public synchronized void count(String what, long n) {
        counts.merge(what, n, Long::sum);
    }

    public synchronized void addBytes(long n) {
        bytes += n;
    }

    public synchronized void result(String key, String value) {
        results.put(key, value);
    }

    /** Stops the job (by throwing) when its cluster lock was lost, so two nodes never work at once. */
    public void checkpoint() {
        if (leaseLost.get()) {
            throw new IllegalStateException("the job's cluster lock was lost (lease expired); stopping");
        }
    }

    void leaseLost() {
        leaseLost.set(true);
    }

    synchronized Map<String, Long> counts() {
        return new LinkedHashMap<>(counts);
    }

    synchronized Map<String, String> results() {
        return new LinkedHashMap<>(results);
    }

    synchronized long bytes() {
        return bytes;
    }
}
