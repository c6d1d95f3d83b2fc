package app.pdeck.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.TestBackends;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two "nodes": two independent MongoDB clients racing for the same lock, as two WildFlys would. */
class LeaseLockIT {

    private MongoClient nodeA;
    private MongoClient nodeB;
    private String collection;

    @BeforeEach
    void connect() {
        nodeA = MongoClients.create(TestBackends.get().mongoUri());
        nodeB = MongoClients.create(TestBackends.get().mongoUri());
        collection = "locks_it_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void disconnect() {
        nodeA.getDatabase("pdeck_it").getCollection(collection).drop();
        nodeA.close();
        nodeB.close();
    }

    private LeaseLock lockOf(MongoClient client, Clock clock) {
        MongoCollection<Document> locks = client.getDatabase("pdeck_it").getCollection(collection);
        return new LeaseLock(locks, clock);
    }

    @Test
    void exactlyOneOfTwoRacingNodesTakesTheLock() throws Exception {
        LeaseLock a = lockOf(nodeA, Clock.systemUTC());
        LeaseLock b = lockOf(nodeB, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int occurrence = 0; occurrence < 25; occurrence++) {
                String occ = "schedule:2026-11-25T02:" + occurrence;
                CountDownLatch start = new CountDownLatch(1);
                Future<Optional<LeaseLock.Lease>> fromA = pool.submit(() -> {
                    start.await();
                    return a.tryAcquire("backup", UUID.randomUUID().toString(), "node-a", occ, Duration.ofSeconds(60));
                });
                Future<Optional<LeaseLock.Lease>> fromB = pool.submit(() -> {
                    start.await();
                    return b.tryAcquire("backup", UUID.randomUUID().toString(), "node-b", occ, Duration.ofSeconds(60));
                });
                start.countDown();
                List<LeaseLock.Lease> winners = new ArrayList<>();
                fromA.get().ifPresent(winners::add);
                fromB.get().ifPresent(winners::add);
                assertEquals(1, winners.size(), "round " + occurrence + ": exactly one holder");
                // Which occurrences already ran is the ledger's business (ExactlyOnceIT): released, the lock is free.
                (fromA.get().isPresent() ? a : b).release(winners.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHeldLeaseBlocksOtherRunsUntilReleased() {
        LeaseLock a = lockOf(nodeA, Clock.systemUTC());
        LeaseLock b = lockOf(nodeB, Clock.systemUTC());
        LeaseLock.Lease lease = a.tryAcquire("archive", "run-1", "node-a", "manual:run-1", Duration.ofSeconds(60))
                .orElseThrow();
        assertTrue(b.tryAcquire("archive", "run-2", "node-b", "manual:run-2", Duration.ofSeconds(60)).isEmpty());
        assertEquals(Optional.of("run-1"), b.holder("archive"));
        assertTrue(a.renew(lease, Duration.ofSeconds(60)));
        a.release(lease);
        assertTrue(b.tryAcquire("archive", "run-3", "node-b", "manual:run-3", Duration.ofSeconds(60)).isPresent());
    }

    @Test
    void anExpiredLeaseOfACrashedNodeIsTakenOverAndItsHolderCannotRenew() {
        Instant now = Instant.parse("2026-11-25T02:00:00Z");
        LeaseLock crashed = lockOf(nodeA, Clock.fixed(now, ZoneOffset.UTC));
        LeaseLock.Lease stale = crashed.tryAcquire("backup", "run-a", "node-a", "manual:run-a", Duration.ofSeconds(60))
                .orElseThrow();
        LeaseLock later = lockOf(nodeB, Clock.fixed(now.plusSeconds(61), ZoneOffset.UTC));
        assertTrue(later.tryAcquire("backup", "run-b", "node-b", "manual:run-b", Duration.ofSeconds(60)).isPresent());
        assertFalse(crashed.renew(stale, Duration.ofSeconds(60)), "the old holder must learn it lost the lock");
    }
}
