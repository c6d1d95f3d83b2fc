package app.pdeck.stats;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The aggregation pipelines behind the statistics. Everything is counted, grouped and averaged by MongoDB; Java only
 * lays the groups out on the calendar. Only stages and operators the embedded mongo-java-server also has are used
 * ({@code $match $facet $group $unwind $sort $limit $count}, {@code $subtract $divide $floor $dateToString}); weeks
 * are numbered by arithmetic on dates because it lacks {@code $dateTrunc} and its {@code %G} is the calendar year.
 */
final class StatsQueries {

    static final int WEEKS = 12;
    static final int DAYS = 30;
    static final int TOP_TAGS = 10;
    static final List<String> STATUSES = List.of("TODO", "IN_PROGRESS", "DONE");
    private static final long WEEK_MS = Duration.ofDays(7).toMillis();

    private StatsQueries() {
    }

    static TaskStats taskStats(MongoDatabase database, String userId, Instant now) {
        LocalDate thisMonday = now.atZone(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstMonday = thisMonday.minusWeeks(WEEKS - 1);
        Date since = Date.from(firstMonday.atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Document> pipeline = List.of(
                new Document("$match", new Document("userId", userId)),
                new Document("$facet", new Document()
                        .append("byStatus", List.of(group("$status")))
                        .append("overdue", List.of(
                                new Document("$match", new Document("status", new Document("$ne", "DONE"))
                                        .append("dueDate", new Document("$lt", Date.from(now)))),
                                new Document("$count", "n")))
                        .append("perWeek", List.of(
                                new Document("$match", new Document("status", "DONE")
                                        .append("completedAt", new Document("$gte", since))),
                                group(new Document("$floor", new Document("$divide", List.of(
                                        new Document("$subtract", List.of("$completedAt", since)), WEEK_MS))))))
                        .append("toDone", List.of(
                                new Document("$match", new Document("status", "DONE")
                                        .append("completedAt", new Document("$type", "date"))
                                        .append("createdAt", new Document("$type", "date"))),
                                new Document("$group", new Document("_id", null).append("ms", new Document("$avg",
                                        new Document("$subtract", List.of("$completedAt", "$createdAt")))))))
                        .append("topTags", List.of(
                                new Document("$unwind", "$tags"),
                                new Document("$match", new Document("tags", new Document("$type", "string"))),
                                group("$tags"),
                                new Document("$sort", new Document("n", -1).append("_id", 1)),
                                new Document("$limit", TOP_TAGS)))));
        Document result = database.getCollection("tasks").aggregate(pipeline).first();
        // MongoDB answers $facet on no input with one document of empty arrays; mongo-java-server with none
        Document facets = result == null ? new Document() : result;

        Map<String, Long> byStatus = new LinkedHashMap<>();
        STATUSES.forEach(s -> byStatus.put(s, 0L));
        long total = 0;
        for (Document g : facets.getList("byStatus", Document.class, List.of())) {
            long n = count(g);
            byStatus.merge(String.valueOf(g.get("_id")), n, Long::sum);
            total += n;
        }
        long[] perWeek = new long[WEEKS];
        for (Document g : facets.getList("perWeek", Document.class, List.of())) {
            int week = ((Number) g.get("_id")).intValue();
            if (week >= 0 && week < WEEKS) {
                perWeek[week] += count(g);
            }
        }
        List<TaskStats.Week> weeks = new ArrayList<>();
        for (int i = 0; i < WEEKS; i++) {
            weeks.add(new TaskStats.Week(firstMonday.plusWeeks(i), perWeek[i]));
        }
        List<Document> toDone = facets.getList("toDone", Document.class, List.of());
        Double averageHours = toDone.isEmpty() || !(toDone.get(0).get("ms") instanceof Number ms) ? null
                : ms.doubleValue() / Duration.ofHours(1).toMillis();
        List<TaskStats.TagCount> tags = facets.getList("topTags", Document.class, List.of()).stream()
                .map(g -> new TaskStats.TagCount(g.getString("_id"), count(g))).toList();
        List<Document> overdue = facets.getList("overdue", Document.class, List.of());
        return new TaskStats(total, byStatus, overdue.isEmpty() ? 0 : count(overdue.get(0)), weeks, averageHours,
                tags, now);
    }

    static AdminStats adminStats(MongoDatabase database, Instant now) {
        List<Document> users = database.getCollection("users").aggregate(List.of(
                new Document("$match", new Document("deletedAt", null)),
                new Document("$count", "n"))).into(new ArrayList<>());
        Document active = database.getCollection("user_activity").aggregate(List.of(
                new Document("$facet", new Document()
                        .append("day", seenSince(now.minus(Duration.ofDays(1))))
                        .append("week", seenSince(now.minus(Duration.ofDays(7))))
                        .append("month", seenSince(now.minus(Duration.ofDays(30))))))).first();

        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate firstDay = today.minusDays(DAYS - 1);
        Map<String, Long> created = new LinkedHashMap<>();
        database.getCollection("tasks").aggregate(List.of(
                new Document("$match", new Document("createdAt",
                        new Document("$gte", Date.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant())))),
                group(new Document("$dateToString", new Document("format", "%Y-%m-%d").append("date", "$createdAt"))),
                new Document("$sort", new Document("_id", 1))))
                .forEach(g -> created.put(g.getString("_id"), count(g)));
        List<AdminStats.Day> days = new ArrayList<>();
        for (LocalDate day = firstDay; !day.isAfter(today); day = day.plusDays(1)) {
            days.add(new AdminStats.Day(day, created.getOrDefault(day.toString(), 0L)));
        }

        Document archive = database.getCollection("tasks_archive").aggregate(List.of(
                new Document("$group", new Document("_id", null).append("n", new Document("$sum", 1))
                        .append("oldest", new Document("$min", "$archivedAt"))
                        .append("newest", new Document("$max", "$archivedAt"))))).first();
        Long archiveBytes = null;
        try {
            if (database.runCommand(new Document("collStats", "tasks_archive")).get("size") instanceof Number size) {
                archiveBytes = size.longValue();
            }
        } catch (MongoCommandException e) {
            // no such collection yet, or a server without collStats: the size stays unknown
        }
        return new AdminStats(users.isEmpty() ? 0 : count(users.get(0)),
                new AdminStats.ActiveUsers(facetCount(active, "day"), facetCount(active, "week"),
                        facetCount(active, "month")),
                days,
                new AdminStats.Archive(archive == null ? 0 : count(archive), archiveBytes,
                        archive == null ? null : instant(archive.get("oldest")),
                        archive == null ? null : instant(archive.get("newest"))),
                now);
    }

    private static List<Document> seenSince(Instant since) {
        return List.of(new Document("$match", new Document("lastSeenAt", new Document("$gte", Date.from(since)))),
                new Document("$count", "n"));
    }

    private static Document group(Object key) {
        return new Document("$group", new Document("_id", key).append("n", new Document("$sum", 1)));
    }

    private static long count(Document group) {
        return ((Number) group.get("n")).longValue();
    }

    private static long facetCount(Document facets, String name) {
        if (facets == null) {
            return 0;
        }
        List<Document> result = facets.getList(name, Document.class, List.of());
        return result.isEmpty() ? 0 : count(result.get(0));
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
