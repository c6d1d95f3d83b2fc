package app.pdeck.migration;

import app.pdeck.testsupport.InProcessMongo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigrationLockTest {

    private static InProcessMongo mongo;
    private static ScheduledExecutorService renewer;
    private String databaseName;

    @BeforeAll
    static void startMongo() {
        mongo = new InProcessMongo();
        renewer = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stopMongo() {
        renewer.shutdownNow();
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        databaseName = "lock_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MigrationLock lock(MongoClient client, String node, Duration lease) {
        return new MigrationLock(client.getDatabase(databaseName), node, lease, renewer, Clock.systemUTC());
    }

    @Test
    void twoNodesOnTheirOwnClientsStartingTogetherApplyEachMigrationExactlyOnce() throws Exception {
        // The same migration objects on both "nodes", so their counters add up what both nodes ran.
        List<CountingMigration> migrations = List.of(new CountingMigration("001", 150),
                new CountingMigration("002", 150), new CountingMigration("003", 150));
        MongoClient clientA = mongo.newClient();
        MongoClient clientB = mongo.newClient();
        MigrationRunner nodeA = node(clientA, "node-a", migrations);
        MigrationRunner nodeB = node(clientB, "node-b", migrations);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<MigrationRun> runA = nodes.submit(() -> {
                start.await();
                return nodeA.up(null, false, Duration.ofSeconds(20));
            });
            Future<MigrationRun> runB = nodes.submit(() -> {
                start.await();
                return nodeB.up(null, false, Duration.ofSeconds(20));
            });
            start.countDown();
            int appliedByA = runA.get(30, TimeUnit.SECONDS).migrations().size();
            int appliedByB = runB.get(30, TimeUnit.SECONDS).migrations().size();

            assertEquals(List.of(0, 3), List.of(appliedByA, appliedByB).stream().sorted().toList(),
                    "one node applies everything, the other finds nothing pending");
            for (CountingMigration migration : migrations) {
                assertEquals(1, migration.ups.get(), "migration " + migration.version + " ran once");
            }
            MongoDatabase database = clientA.getDatabase(databaseName);
            assertEquals(3, database.getCollection(Changelog.COLLECTION).countDocuments());
            List<String> nodesThatApplied = database.getCollection(Changelog.COLLECTION).distinct("node", String.class)
                    .into(new ArrayList<>());
            assertEquals(1, nodesThatApplied.size());
            assertTrue(nodeA.status().pending().isEmpty());
            assertTrue(nodeB.status().pending().isEmpty());
        } finally {
            nodes.shutdownNow();
        }
    }

    private MigrationRunner node(MongoClient client, String node, List<? extends Migration> migrations) {
        return new MigrationRunner(client, databaseName, List.copyOf(migrations),
                lock(client, node, Duration.ofSeconds(2)), new MigrationState(Clock.systemUTC()), node,
                Clock.systemUTC(), reason -> { });
    }

    @Test
    void aHeldLockIsNotGivenToAnotherOwnerAndIsFreeOnceReleased() {
        MongoClient client = mongo.newClient();
        MigrationLock a = lock(client, "node-a", Duration.ofSeconds(5));
        MigrationLock b = lock(client, "node-b", Duration.ofSeconds(5));

        MigrationLock.Lease held = a.tryAcquire();
        assertNotNull(held);
        assertNull(b.tryAcquire());
        assertTrue(b.holder().orElseThrow().owner().startsWith("node-a/"));
        LockUnavailableException timedOut = assertThrows(LockUnavailableException.class,
                () -> b.acquire(Duration.ofMillis(600)));
        assertTrue(timedOut.getMessage().contains("node-a"), timedOut.getMessage());
        held.close();

        try (MigrationLock.Lease next = b.tryAcquire()) {
            assertNotNull(next);
        }
    }

    @Test
    void theHolderRenewsItsLeaseWhileItRuns() throws InterruptedException {
        MongoClient client = mongo.newClient();
        MigrationLock a = lock(client, "node-a", Duration.ofMillis(600));
        MigrationLock b = lock(client, "node-b", Duration.ofMillis(600));

        try (MigrationLock.Lease held = a.tryAcquire()) {
            Thread.sleep(1500);
            assertNull(b.tryAcquire(), "a renewed lease is still held after more than two lease periods");
            held.ensureHeld();
        }
    }

    @Test
    void theLockOfANodeThatDiedIsTakenOverOnceItsLeaseExpired() {
        MongoClient client = mongo.newClient();
        var locks = client.getDatabase(databaseName).getCollection(MigrationLock.COLLECTION);
        locks.insertOne(new Document("_id", MigrationLock.LOCK_ID).append("owner", "node-dead/1")
                .append("expiresAt", Date.from(Instant.now().plusSeconds(60))));
        MigrationLock b = lock(client, "node-b", Duration.ofSeconds(5));
        assertNull(b.tryAcquire(), "an unexpired lease is respected");

        locks.updateOne(Filters.eq("_id", MigrationLock.LOCK_ID),
                new Document("$set", new Document("expiresAt", Date.from(Instant.now().minusSeconds(1)))));

        try (MigrationLock.Lease taken = b.tryAcquire()) {
            assertNotNull(taken);
            assertTrue(locks.find().first().getString("owner").startsWith("node-b/"));
        }
    }

    @Test
    void aHolderWhoseLeaseWasTakenOverNoticesAndStops() throws InterruptedException {
        MongoClient client = mongo.newClient();
        var locks = client.getDatabase(databaseName).getCollection(MigrationLock.COLLECTION);
        MigrationLock a = lock(client, "node-a", Duration.ofMillis(300));

        try (MigrationLock.Lease held = a.tryAcquire()) {
            locks.updateOne(Filters.eq("_id", MigrationLock.LOCK_ID),
                    new Document("$set", new Document("owner", "node-b/1")));
            Thread.sleep(400);
            assertThrows(IllegalStateException.class, held::ensureHeld);
        }
        assertEquals("node-b/1", locks.find().first().getString("owner"), "closing a lost lease leaves the new owner's lock");
    }
}
