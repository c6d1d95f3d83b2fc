package app.pdeck.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one scenario run: requests by outcome, latency percentiles overall and while the fault was
 * active, and the time to recover — from the end of the fault to the end of the last failed request (5xx or no
 * answer) that started after it (0 when none failed after the fault ended).
 */
public final class Summary {

    private Summary() {
    }

    /** A fault window in microseconds since the epoch; end == start for an instant fault (a kill). */
    public record Window(long start, long end) {
    }

    public static Map<String, Object> of(List<Event> events, Window fault) {
        Map<String, Object> m = new LinkedHashMap<>();
        int ok = 0;
        int client = 0;
        int server = 0;
        int unavailable = 0;
        int none = 0;
        List<Long> all = new ArrayList<>();
        List<Long> during = new ArrayList<>();
        int duringCount = 0;
        int duringFailed = 0;
        long lastFailureEnd = -1;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Event e : events) {
            first = Math.min(first, e.start());
            last = Math.max(last, e.end());
            if (e.acknowledged()) {
                ok++;
            } else if (e.refused()) {
                client++;
            } else if (e.status() >= 500) {
                server++;
                if (e.status() == 503) {
                    unavailable++;
                }
            } else {
                none++;
            }
            all.add(e.latencyMicros());
            boolean failed = e.indeterminate();
            if (fault != null) {
                boolean overlaps = e.start() <= fault.end() && e.end() >= fault.start();
                if (overlaps) {
                    duringCount++;
                    during.add(e.latencyMicros());
                    if (failed) {
                        duringFailed++;
                    }
                }
                if (failed && e.start() >= fault.end()) {
                    lastFailureEnd = Math.max(lastFailureEnd, e.end());
                }
            }
        }
        m.put("requests", events.size());
        m.put("2xx", ok);
        m.put("4xx", client);
        m.put("5xx", server);
        m.put("503", unavailable);
        m.put("noAnswer", none);
        double seconds = events.isEmpty() ? 0 : (last - first) / 1e6;
        m.put("seconds", round(seconds));
        m.put("throughput", seconds > 0 ? round(events.size() / seconds) : 0);
        m.put("p50Ms", percentileMs(all, 50));
        m.put("p99Ms", percentileMs(all, 99));
        if (fault != null) {
            m.put("faultSeconds", round((fault.end() - fault.start()) / 1e6));
            m.put("requestsDuringFault", duringCount);
            m.put("failedDuringFault", duringFailed);
            m.put("p99DuringFaultMs", percentileMs(during, 99));
            m.put("recoverySeconds", lastFailureEnd < 0 ? 0.0 : round((lastFailureEnd - fault.end()) / 1e6));
        }
        return m;
    }

    /** Nearest-rank percentile in milliseconds (0 for no samples). */
    public static double percentileMs(List<Long> micros, int percentile) {
        if (micros.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(micros);
        sorted.sort(null);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return round(sorted.get(Math.max(0, rank - 1)) / 1000.0);
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
