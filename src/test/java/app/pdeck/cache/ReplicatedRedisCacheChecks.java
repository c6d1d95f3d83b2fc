package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.redis.LuaScript;
import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.security.RequestGate;
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
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.JsonJacksonCodec;
import org.redisson.config.Config;

/**
 * What the cache needs from a replicated Redis (Cluster or Sentinel), checked against real servers: every operation
 * of {@link RedisCacheBackend} and the request gate's scripts work across hash slots, and a master killed under load
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

    static void everyOperationWorksForManyUsers(RedissonClient redisson, boolean cluster) throws Exception {
        RedisCacheBackend store = new RedisCacheBackend(() -> redisson, 2000, 2000, 1);
        try {
            for (int i = 0; i < 40; i++) {
                String user = UUID.randomUUID().toString();
                long generation = store.bumpGeneration(user);
                KeyVersions versions = store.versions(user);
                assertEquals(generation, versions.generation());
                String key = user + ":" + versions.epoch() + ":" + versions.generation();
                byte[] value = ("[\"" + user + "\"]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                store.put("task-lists", key, value, 60_000);
                org.junit.jupiter.api.Assertions.assertArrayEquals(value, store.get("task-lists", key));
                assertTrue(store.remove("task-lists", key));
                assertNull(store.get("task-lists", key));
            }
            // What Redisson's JCache provider left (before 2026-12-02) is deleted; the epoch and today's entries stay.
            redisson.getMap(RedisCacheBackend.CACHE_PREFIX + "legacy-probe", StringCodec.INSTANCE).put("k", "v");
            redisson.getScoredSortedSet("jcache_timeout_set:{" + RedisCacheBackend.CACHE_PREFIX + "legacy-probe}",
                    StringCodec.INSTANCE).add(1, "k");
            store.put("legacy-probe", "today", new byte[] {1}, 60_000);
            long epochBefore = store.bumpEpoch();
            assertEquals(2L, store.dropLegacyEntries(List.of("legacy-probe", "epoch")).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
            assertEquals(0, redisson.getKeys().countExists(RedisCacheBackend.CACHE_PREFIX + "legacy-probe",
                    "jcache_timeout_set:{" + RedisCacheBackend.CACHE_PREFIX + "legacy-probe}"));
            assertEquals(epochBefore, store.versions(null).epoch());
            assertTrue(store.remove("legacy-probe", "today"));
            long epoch = store.bumpEpoch();
            assertEquals(epoch, store.versions(null).epoch());
            store.clear("task-lists");
            // The request gate's scripts (security.RequestGate) over one user's keys: no CROSSSLOT in a cluster,
            // where the epoch is not among the keys (it is read by a second command).
            for (int i = 0; i < 10; i++) {
                String user = UUID.randomUUID().toString();
                String gen = RedisCacheBackend.generationKey(user);
                List<Object> keys = new ArrayList<>(List.of(RequestGate.authKey(user), gen, gen, gen));
                if (!cluster) {
                    keys.add(RedisCacheBackend.EPOCH_KEY);
                }
                Object[] admit = {"jti-1", "1000", "0", "0", "1", "0", "5"};
                assertEquals(List.of(3L, 0L), call(redisson, RequestGate.ADMIT, keys, admit), "state not loaded yet");
                assertEquals(1L, call(redisson, RequestGate.LOAD, List.of(RequestGate.authKey(user)),
                        "0", "60000", "0", "jti-revoked"));
                assertEquals(0L, ((List<?>) call(redisson, RequestGate.ADMIT, keys, admit)).get(0));
                if (!cluster) {
                    checkEntryReadBesideTheGate(redisson, keys, admit);
                }
                redisson.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RequestGate.REVOKED,
                        RScript.ReturnType.INTEGER, List.of(RequestGate.authKey(user)), "60000");
                assertEquals(List.of(3L, 1L), call(redisson, RequestGate.ADMIT, keys, admit),
                        "a revocation makes every node load the state again");
            }
        } finally {
            redisson.getKeys().unlinkByPattern(RedisCacheBackend.CACHE_PREFIX + "task-lists:*");
        }
    }

    /**
     * The gate's script and a GET of a cache entry in one batch, as the gate sends them for a read: the script's
     * answer as strings, the entry as bytes (a gzip header here), an absent entry as null.
     */
    private static void checkEntryReadBesideTheGate(RedissonClient redisson, List<Object> keys, Object[] admit)
            throws Exception {
        String entry = RedisCacheBackend.entryKey("task-lists", "gate-probe-" + UUID.randomUUID());
        byte[] value = {0x1f, (byte) 0x8b, 0, 'x'};
        redisson.getBucket(entry, ByteArrayCodec.INSTANCE).set(value, java.time.Duration.ofMinutes(1));
        for (byte[] expected : new byte[][] {value, null}) {
            RBatch batch = redisson.createBatch(BatchOptions.defaults());
            RFuture<List<Object>> answer = RequestGate.ADMIT.queue(batch, StringCodec.INSTANCE,
                    RScript.ReturnType.MULTI, keys, admit);
            RFuture<byte[]> read = batch.<byte[]>getBucket(entry, ByteArrayCodec.INSTANCE).getAsync();
            batch.execute();
            assertEquals(0L, answer.get().get(0));
            assertTrue(answer.get().get(1) instanceof String, "the versions come as text");
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, read.get());
            redisson.getBucket(entry).delete();
        }
    }

    private static Object call(RedissonClient redisson, LuaScript script, List<Object> keys, Object... args)
            throws Exception {
        RScript.ReturnType type = script == RequestGate.ADMIT ? RScript.ReturnType.MULTI : RScript.ReturnType.INTEGER;
        return script.call(redisson, type, keys, args).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Result of {@link #killMasterUnderLoad}. */
    record Failover(long acknowledged, long failed, long recoveredAfterMs, long lastAcknowledgedGeneration,
                    long generationAfter) {
    }

    /**
     * Four threads bump one user's generation and read its key versions while the master holding that user's slot is
     * killed; returns once operations succeed again for a second (or fails after 40 s).
     */
    static Failover killMasterUnderLoad(RedissonClient redisson, RedisTopologies redis) throws Exception {
        RedisCacheBackend store = new RedisCacheBackend(() -> redisson, STORE_TIMEOUT_MS, STORE_TIMEOUT_MS, 1);
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
                            store.versions(user);
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
            BackendProcess master = redis.masterOf(RedisCacheBackend.generationKey(user));
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
            long after = store.versions(user).generation();
            return new Failover(acknowledged.get(), failed.get(), recovered, lastAcked.get(), after);
        } finally {
            stop.set(true);
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
