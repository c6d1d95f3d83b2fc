package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.testsupport.BackendProcess;
import app.pdeck.testsupport.RedisTopologies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.codec.JsonJacksonCodec;
import org.redisson.config.Config;

/**
 * What the cache needs from a replicated Redis (Cluster or Sentinel), checked against real servers: every operation
 * of {@link RedisCacheStore} and the token-revocation lookup work across hash slots, and a master killed under load
 * fails over without losing an acknowledged invalidation (which would make stale entries valid again).
 */
final class ReplicatedRedisCacheChecks {

    static final long STORE_TIMEOUT_MS = 250;

    private ReplicatedRedisCacheChecks() {
    }

    /** A client built exactly as RedisConnection builds it from the given topology. */
    static RedissonClient client(RedisTopology topology) {
        Config config = topology.config("redis://127.0.0.1:6379", new RedisTopology.Settings(8, 1, 1000, 1000, 1));
        config.setCodec(new JsonJacksonCodec());
        return Redisson.create(config);
    }

    static void everyOperationWorksForManyUsers(RedissonClient redisson) {
        RedisCacheStore store = new RedisCacheStore(() -> redisson, 2000, 2000, 1);
        try {
            for (int i = 0; i < 40; i++) {
                String user = UUID.randomUUID().toString();
                long generation = store.bumpGeneration(user);
                Scope scope = store.scope(user);
                assertEquals(generation, scope.generation());
                String key = user + ":" + scope.epoch() + ":" + scope.generation();
                store.put("task-lists", key, "[\"" + user + "\"]", 60_000);
                assertEquals("[\"" + user + "\"]", store.get("task-lists", key));
                assertTrue(store.remove("task-lists", key));
                assertNull(store.get("task-lists", key));
            }
            long epoch = store.bumpEpoch();
            assertEquals(epoch, store.scope(null).epoch());
            store.clear("task-lists");
            // The per-request revocation lookup of security.RevokedTokens: one multi-key GET over keys in other slots.
            String jti = UUID.randomUUID().toString();
            redisson.getBucket("pdeck:revoked:jti:" + jti).set(1);
            Map<String, Object> found = redisson.getBuckets().get("pdeck:revoked:jti:" + jti,
                    "pdeck:revoked:sub:" + UUID.randomUUID());
            assertEquals(java.util.Set.of("pdeck:revoked:jti:" + jti), found.keySet());
        } finally {
            store.close();
        }
    }

    /** Result of {@link #killMasterUnderLoad}. */
    record Failover(long acknowledged, long failed, long recoveredAfterMs, long lastAcknowledgedGeneration,
                    long generationAfter) {
    }

    /**
     * Four threads bump one user's generation and read its scope while the master holding that user's slot is
     * killed; returns once operations succeed again for a second (or fails after 40 s).
     */
    static Failover killMasterUnderLoad(RedissonClient redisson, RedisTopologies redis) throws Exception {
        RedisCacheStore store = new RedisCacheStore(() -> redisson, STORE_TIMEOUT_MS, STORE_TIMEOUT_MS, 1);
        String user = UUID.randomUUID().toString();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAcked = new AtomicLong();
        AtomicLong lastFailureAt = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            boolean writer = t % 2 == 0;
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        if (writer) {
                            long value = store.bumpGeneration(user);
                            lastAcked.accumulateAndGet(value, Math::max);
                        } else {
                            store.scope(user);
                        }
                        acknowledged.incrementAndGet();
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        lastFailureAt.set(System.nanoTime());
                        sleep(20);
                    }
                }
            }, "failover-load-" + t);
            thread.start();
            threads.add(thread);
        }
        try {
            sleep(1000);
            BackendProcess master = redis.masterOf(RedisCacheStore.generationKey(user));
            long killedAt = System.nanoTime();
            master.kill();
            long deadline = killedAt + TimeUnit.SECONDS.toNanos(40);
            sleep(500);
            while (System.nanoTime() < deadline) {
                long last = lastFailureAt.get();
                if (last > killedAt && System.nanoTime() - last > TimeUnit.SECONDS.toNanos(1)) {
                    break;
                }
                sleep(100);
            }
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(5000);
            }
            long recovered = TimeUnit.NANOSECONDS.toMillis(Math.max(0, lastFailureAt.get() - killedAt));
            long after = store.scope(user).generation();
            return new Failover(acknowledged.get(), failed.get(), recovered, lastAcked.get(), after);
        } finally {
            stop.set(true);
            store.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
