package app.pdeck.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pipelines on the embedded mongo-java-server (the server the ITs and ops/run use), against known data. */
class StatsQueriesTest {

    /** A Wednesday noon, so weeks and days are easy to reason about. */
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    static MongoServer server;
    static MongoClient client;
    static MongoDatabase db;

    @BeforeAll
    static void start() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        db = client.getDatabase("stats_test");
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void taskStatsCountStatusOverdueWeeksCompletionTimeAndTags() {
        String user = UUID.randomUUID().toString();
        Instant created = NOW.minus(Duration.ofDays(30));
        // this week (Mon 23 Nov): two DONE, created 30 days before NOW, done 24 h and 48 h later than that
        insert(user, "DONE", created, Instant.parse("2026-11-23T08:00:00Z"), null, List.of("work", "home"));
        insert(user, "DONE", created, Instant.parse("2026-11-24T08:00:00Z"), null, List.of("work"));
        // the week of Mon 2 Nov: one DONE
        insert(user, "DONE", created, Instant.parse("2026-11-08T23:59:59Z"), null, List.of());
        // 13 weeks ago: DONE but outside the 12 weeks
        insert(user, "DONE", NOW.minus(Duration.ofDays(120)), NOW.minus(Duration.ofDays(91)), null, List.of());
        // open: one overdue, one due later, one without due date
        insert(user, "TODO", created, null, NOW.minus(Duration.ofHours(1)), List.of("work", "urgent"));
        insert(user, "IN_PROGRESS", created, null, NOW.plus(Duration.ofDays(1)), List.of("home"));
        insert(user, "TODO", created, null, null, null);
        // a DONE task whose due date passed is not overdue; another user's tasks are not counted
        insert(user, "DONE", created, Instant.parse("2026-11-25T10:00:00Z"), NOW.minus(Duration.ofDays(3)),
                List.of());
        insert(UUID.randomUUID().toString(), "TODO", created, null, NOW.minus(Duration.ofDays(1)), List.of("work"));

        TaskStats stats = StatsQueries.taskStats(db, user, NOW);

        assertEquals(8, stats.total());
        assertEquals(5, stats.byStatus().get("DONE"));
        assertEquals(2, stats.byStatus().get("TODO"));
        assertEquals(1, stats.byStatus().get("IN_PROGRESS"));
        assertEquals(1, stats.overdue());
        assertEquals(12, stats.completedPerWeek().size());
        assertEquals(LocalDate.parse("2026-09-07"), stats.completedPerWeek().get(0).weekStart());
        TaskStats.Week thisWeek = stats.completedPerWeek().get(11);
        assertEquals(LocalDate.parse("2026-11-23"), thisWeek.weekStart());
        assertEquals(3, thisWeek.completed());
        assertEquals(1, stats.completedPerWeek().get(8).completed(), "week of 2026-11-02");
        assertEquals(4, stats.completedPerWeek().stream().mapToLong(TaskStats.Week::completed).sum());
        // creation -> DONE: 30 d 12 h - 20 h, ..., see the inserts; the mean of the five is checked by hand
        double expectedHours = (hours(created, "2026-11-23T08:00:00Z") + hours(created, "2026-11-24T08:00:00Z")
                + hours(created, "2026-11-08T23:59:59Z") + 29 * 24 + hours(created, "2026-11-25T10:00:00Z")) / 5;
        assertEquals(expectedHours, stats.averageHoursToDone(), 0.001);
        assertEquals(List.of(new TaskStats.TagCount("work", 3), new TaskStats.TagCount("home", 2),
                new TaskStats.TagCount("urgent", 1)), stats.topTags());
    }

    @Test
    void aUserWithoutTasksHasZerosAndNoAverage() {
        TaskStats stats = StatsQueries.taskStats(db, UUID.randomUUID().toString(), NOW);
        assertEquals(0, stats.total());
        assertEquals(0, stats.byStatus().get("DONE"));
        assertEquals(0, stats.overdue());
        assertNull(stats.averageHoursToDone());
        assertEquals(List.of(), stats.topTags());
    }

    @Test
    void adminStatsCountUsersActivityTasksPerDayAndArchive() {
        MongoDatabase fresh = client.getDatabase("admin_stats_" + UUID.randomUUID().toString().substring(0, 8));
        fresh.getCollection("users").insertMany(List.of(new Document("_id", "u1"), new Document("_id", "u2"),
                new Document("_id", "u3").append("deletedAt", new Date())));
        fresh.getCollection("user_activity").insertMany(List.of(
                new Document("_id", "u1").append("lastSeenAt", Date.from(NOW.minus(Duration.ofHours(2)))),
                new Document("_id", "u2").append("lastSeenAt", Date.from(NOW.minus(Duration.ofDays(3)))),
                new Document("_id", "u3").append("lastSeenAt", Date.from(NOW.minus(Duration.ofDays(40))))));
        fresh.getCollection("tasks").insertMany(List.of(
                new Document("_id", "t1").append("createdAt", Date.from(Instant.parse("2026-11-25T00:00:00Z"))),
                new Document("_id", "t2").append("createdAt", Date.from(Instant.parse("2026-11-25T11:59:00Z"))),
                new Document("_id", "t3").append("createdAt", Date.from(Instant.parse("2026-11-24T23:59:59Z"))),
                new Document("_id", "t4").append("createdAt", Date.from(Instant.parse("2026-10-27T00:00:00Z"))),
                new Document("_id", "t5").append("createdAt", Date.from(Instant.parse("2026-10-26T23:59:59Z")))));
        fresh.getCollection("tasks_archive").insertMany(List.of(
                new Document("_id", "a1").append("archivedAt", Date.from(Instant.parse("2026-11-01T03:00:00Z"))),
                new Document("_id", "a2").append("archivedAt", Date.from(Instant.parse("2026-11-20T03:00:00Z")))));

        AdminStats stats = StatsQueries.adminStats(fresh, NOW);

        assertEquals(2, stats.users());
        assertEquals(new AdminStats.ActiveUsers(1, 2, 2), stats.activeUsers());
        assertEquals(30, stats.tasksCreatedPerDay().size());
        assertEquals(new AdminStats.Day(LocalDate.parse("2026-10-27"), 1), stats.tasksCreatedPerDay().get(0));
        assertEquals(new AdminStats.Day(LocalDate.parse("2026-11-24"), 1), stats.tasksCreatedPerDay().get(28));
        assertEquals(new AdminStats.Day(LocalDate.parse("2026-11-25"), 2), stats.tasksCreatedPerDay().get(29));
        assertEquals(4, stats.tasksCreatedPerDay().stream().mapToLong(AdminStats.Day::created).sum());
        assertEquals(2, stats.archive().tasks());
        assertEquals(Instant.parse("2026-11-01T03:00:00Z"), stats.archive().oldestArchivedAt());
        assertEquals(Instant.parse("2026-11-20T03:00:00Z"), stats.archive().newestArchivedAt());
        assertEquals(true, stats.archive().dataSize() > 0);
    }

    @Test
    void anEmptyDatabaseHasZerosAndAnEmptyArchive() {
        AdminStats stats = StatsQueries.adminStats(client.getDatabase("empty_" + UUID.randomUUID().toString()
                .substring(0, 8)), NOW);
        assertEquals(0, stats.users());
        assertEquals(new AdminStats.ActiveUsers(0, 0, 0), stats.activeUsers());
        assertEquals(0, stats.archive().tasks());
        assertNull(stats.archive().oldestArchivedAt());
    }

    private static double hours(Instant from, String to) {
        return Duration.between(from, Instant.parse(to)).toMillis() / 3_600_000.0;
    }

    private static void insert(String user, String status, Instant createdAt, Instant completedAt, Instant dueDate,
                               List<String> tags) {
        Document task = new Document("_id", UUID.randomUUID().toString()).append("userId", user)
                .append("status", status).append("createdAt", Date.from(createdAt))
                .append("completedAt", completedAt == null ? null : Date.from(completedAt))
                .append("dueDate", dueDate == null ? null : Date.from(dueDate));
        if (tags != null) {
            task.append("tags", tags);
        }
        db.getCollection("tasks").insertOne(task);
    }
}
