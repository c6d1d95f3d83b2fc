package app.pdeck.monitoring;

import app.pdeck.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;

/** Reads the metrics history for a time range, whole or one metric (a dotted path such as {@code collections.tasks.count}). */
@ApplicationScoped
public class MetricsHistoryService {

    static final int MAX_SNAPSHOTS = 5000;
    private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    @Inject
    MetricsHistoryRepository history;

    public MetricsHistory read(String fromText, String toText, String metric) {
        Instant to = toText == null || toText.isBlank() ? Instant.now() : parse("to", toText);
        Instant from = fromText == null || fromText.isBlank() ? to.minus(Duration.ofDays(1)) : parse("from", fromText);
        if (from.isAfter(to)) {
            throw ApiException.invalid("from", "must not be after 'to'");
        }
        if (metric != null && !METRIC.matcher(metric).matches()) {
            throw ApiException.invalid("metric", "a dotted path such as collections.tasks.count");
        }
        List<Document> snapshots = history.between(from, to, MAX_SNAPSHOTS + 1);
        boolean truncated = snapshots.size() > MAX_SNAPSHOTS;
        if (truncated) {
            snapshots = snapshots.subList(0, MAX_SNAPSHOTS);
        }
        if (metric == null) {
            return new MetricsHistory(from, to, null, null, snapshots.stream().map(MetricsHistoryService::plain).toList(),
                    truncated);
        }
        List<MetricsHistory.Point> points = new ArrayList<>();
        for (Document snapshot : snapshots) {
            Object value = snapshot;
            for (String part : metric.split("\\.")) {
                value = value instanceof Document d ? d.get(part) : null;
            }
            if (value != null && !(value instanceof Document)) {
                points.add(new MetricsHistory.Point(snapshot.getDate("at").toInstant(), plainValue(value)));
            }
        }
        return new MetricsHistory(from, to, metric, points, null, truncated);
    }

    private static Instant parse(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "an ISO-8601 instant such as 2026-11-25T12:00:00Z");
        }
    }

    private static Map<String, Object> plain(Document document) {
        Map<String, Object> map = new LinkedHashMap<>();
        document.forEach((k, v) -> map.put(k, plainValue(v)));
        return map;
    }

    private static Object plainValue(Object value) {
        if (value instanceof Document d) {
            return plain(d);
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        return value;
    }
}
