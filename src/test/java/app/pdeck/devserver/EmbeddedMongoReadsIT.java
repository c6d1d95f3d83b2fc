package app.pdeck.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.migration.V001CreateIndexes;
import app.pdeck.testsupport.BackendProcess;
import app.pdeck.testsupport.TestBackends;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded default under the load of issue 17: 8 users bulk-load 5,000 tasks each, and right afterwards 416
 * reads arrive at once — their task pages (the query {@code task/TaskStore.list} sends) and full-collection cursors
 * (what the backup reads). Every read must answer. A page, which a user waits for, within {@link #SLOWEST_ALLOWED}
 * (a user gives up long before the service's 10 s socket timeout); a full scan, which the nightly backup waits for
 * (40 batches of 1,000 whole documents), within {@link #SLOWEST_SCAN_ALLOWED}, the socket timeout that would fail
 * it if one batch took that long.
 *
 * <p>It runs its own server process, exactly as {@code ops/run} starts it, on a fresh data file, with the service's
 * client settings (pool of 50, 10 s socket timeout), so it measures the server and not another test's data. The
 * database is as the service leaves it before its first request: migration 001 has created the indexes.
 */
class EmbeddedMongoReadsIT {

    private static final int USERS = 8;
    private static final int TASKS_PER_USER = 5_000;
    private static final int BULK_SIZE = 500;
    private static final int READS = 416;
    private static final int FULL_SCANS = 8;
    private static final Duration SLOWEST_ALLOWED = Duration.ofSeconds(5);
    private static final Duration SLOWEST_SCAN_ALLOWED = Duration.ofSeconds(10);

    private BackendProcess server;
    private MongoClient client;

    @BeforeEach
    void startAFreshServer() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "it-backends", "reads-" + UUID.randomUUID()))
                .toAbsolutePath();
        int port = TestBackends.freePort();
        server = new BackendProcess("embedded-mongodb (reads)",
                TestBackends.embeddedMongoCommand(port, dir.resolve("mongo.mv")), port, dir.resolve("mongo.log"));
        server.start();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToConnectionPoolSettings(p -> p.maxSize(50).maxWaitTime(2, TimeUnit.MINUTES))
                .applyToSocketSettings(s -> s.readTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    @AfterEach
    void stopTheServer() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** One read's outcome: how long it took, and what went wrong if anything did. */
    private record Outcome(String what, long millis, String error) {
    }

    @Test
    void readsRightAfterABulkLoadNeitherFailNorStall() throws Exception {
        new V001CreateIndexes().up(client.getDatabase("pdeck"));
        MongoCollection<Document> tasks = client.getDatabase("pdeck").getCollection("tasks");
        bulkLoad(tasks);
        assertEquals((long) USERS * TASKS_PER_USER, tasks.countDocuments());

        List<Outcome> outcomes = readAllAtOnce(tasks);

        List<Outcome> failed = outcomes.stream().filter(o -> o.error() != null).toList();
        List<Outcome> slow = outcomes.stream().filter(o -> o.millis() > (o.what().startsWith("full scan")
                ? SLOWEST_SCAN_ALLOWED : SLOWEST_ALLOWED).toMillis()).toList();
        List<Long> millis = new ArrayList<>(outcomes.stream().map(Outcome::millis).toList());
        Collections.sort(millis);
        System.out.printf("embedded reads: %d reads, median %d ms, p99 %d ms, slowest %d ms, %d failed, %d over %d s%n",
                millis.size(), millis.get(millis.size() / 2), millis.get(millis.size() * 99 / 100),
                millis.get(millis.size() - 1), failed.size(), slow.size(), SLOWEST_ALLOWED.toSeconds());
        assertTrue(failed.isEmpty(), "reads failed: " + failed.stream().limit(5).toList());
        assertTrue(slow.isEmpty(), slow.size() + " reads took longer than allowed (pages " + SLOWEST_ALLOWED.toSeconds()
                + " s, full scans " + SLOWEST_SCAN_ALLOWED.toSeconds() + " s): " + slow.stream().limit(5).toList());
    }

    /** The 8 users at once, each in requests of 500 like {@code POST /tasks/bulk}. */
    private static void bulkLoad(MongoCollection<Document> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(USERS);
        try {
            List<Future<?>> loads = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String userId = "user-" + u;
                loads.add(pool.submit(() -> {
                    for (int from = 0; from < TASKS_PER_USER; from += BULK_SIZE) {
                        List<Document> batch = new ArrayList<>();
                        for (int i = from; i < from + BULK_SIZE; i++) {
                            batch.add(task(userId, i));
                        }
                        tasks.insertMany(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> load : loads) {
                load.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Document task(String userId, int i) {
        Date now = Date.from(Instant.now());
        return new Document("_id", UUID.randomUUID().toString()).append("userId", userId).append("version", 1L)
                .append("createdAt", now).append("projectId", null)
                .append("title", "Task " + i + " of " + userId)
                .append("description", "A task loaded in bulk, long enough to look like a real one: " + "x".repeat(200))
                .append("priority", i % 5).append("dueDate", null).append("status", "OPEN")
                .append("tags", List.of("bulk", "t" + (i % 10))).append("updatedAt", now).append("completedAt", null);
    }

    /** All reads released together: pages of every user (sizes 50 and 200, any page), and a few full scans. */
    private static List<Outcome> readAllAtOnce(MongoCollection<Document> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(READS);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome>> reads = new ArrayList<>();
            for (int r = 0; r < READS; r++) {
                int n = r;
                reads.add(pool.submit(() -> {
                    go.await();
                    return n < FULL_SCANS ? timed("full scan " + n, () -> fullScan(tasks))
                            : timed("page " + n, () -> page(tasks, "user-" + (n % USERS), n % 2 == 0 ? 200 : 50,
                                    1 + (n / USERS) % 25));
                }));
            }
            go.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> read : reads) {
                outcomes.add(read.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What {@code TaskStore.list} sends for {@code GET /tasks?sort=-priority&page=…&size=…}. */
    private static void page(MongoCollection<Document> tasks, String userId, int size, int page) {
        Bson filter = Filters.eq("userId", userId);
        List<Document> items = tasks.find(filter).sort(Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("_id")))
                .skip((page - 1) * size).limit(size).into(new ArrayList<>());
        long total = tasks.countDocuments(filter);
        if (total != TASKS_PER_USER || items.size() != Math.min(size, TASKS_PER_USER - (page - 1) * size)) {
            throw new IllegalStateException("page " + page + " of " + userId + ": " + items.size() + " of " + total);
        }
    }

    /** The backup's read: the whole collection through one cursor in batches of 1,000. */
    private static void fullScan(MongoCollection<Document> tasks) {
        long n = 0;
        for (Document ignored : tasks.find().batchSize(1_000)) {
            n++;
        }
        if (n != (long) USERS * TASKS_PER_USER) {
            throw new IllegalStateException("full scan saw " + n + " tasks");
        }
    }

    private static Outcome timed(String what, Runnable read) {
        long start = System.nanoTime();
        String error = null;
        try {
            read.run();
        } catch (RuntimeException e) {
            error = e.toString();
        }
        return new Outcome(what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), error);
    }
}
