package app.pdeck.capacity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.LatencyWindow.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityRulesTest {

    static final Thresholds LIMITS = new Thresholds(50, 500, 32, 0.80, 20, 100, 0.70, 20, 0.90, 0);
    static final PoolBounds BOUNDS = new PoolBounds(5, 200, 4, 128, 0, 4);
    private final CapacityRules rules = new CapacityRules(LIMITS, BOUNDS);

    /** A quiet node: enough samples everywhere, everything fast, Redis half full, no evictions. */
    static Builder quiet() {
        return new Builder();
    }

    static Snapshot window(int count, double p99Ms, double perSecond) {
        return new Snapshot(count, p99Ms, p99Ms, perSecond);
    }

    static final class Builder {
        int inFlight = 1;
        Snapshot http = window(500, 40, 10);
        Double processCpu = 0.20;
        int poolMax = 50;
        int inUse = 3;
        int waitQueue = 0;
        Snapshot poolWait = window(500, 1, 10);
        Snapshot reads = window(400, 5, 8);
        Snapshot writes = window(100, 5, 2);
        Snapshot commands = window(500, 5, 10);
        Snapshot redisCalls = window(500, 2, 10);
        int redisPool = 24;
        RedisServer redis = new RedisServer(50, 100, "allkeys-lru", 0, 3600, 0, "since the previous reading 60 s ago");

        Signals build() {
            return new Signals(inFlight, http, processCpu, 0.5, 1.0, 2, poolMax, inUse, waitQueue, poolWait, reads,
                    writes, commands, 0.9, redisCalls, redisPool, redis);
        }
    }

    private List<Recommendation> recommend(Builder b) {
        return rules.recommend(b.build());
    }

    private static Recommendation only(List<Recommendation> found, Action action) {
        assertEquals(1, found.size(), () -> "one recommendation expected: " + found);
        assertEquals(action, found.get(0).action(), () -> found.toString());
        return found.get(0);
    }

    private static Evidence evidence(Recommendation r, String signal) {
        return r.evidence().stream().filter(e -> e.signal().equals(signal)).findFirst()
                .orElseThrow(() -> new AssertionError(signal + " not among " + r.evidence()));
    }

    @Test
    void aQuietNodeNeedsNothing() {
        Recommendation r = only(recommend(quiet()), Action.NONE);
        assertEquals("Every signal is within its threshold.", r.reason());
        assertTrue(r.evidence().isEmpty());
    }

    @Test
    void slowRequestsOnABusyCpuAskForANode() {
        Builder b = quiet();
        b.http = window(500, 800, 10);
        b.processCpu = 0.93;
        Recommendation r = only(recommend(b), Action.ADD_NODE);
        assertEquals(800, evidence(r, "http.p99").observed());
        assertEquals(500, evidence(r, "http.p99").threshold());
        assertEquals(0.93, evidence(r, "cpu.process").observed());
        assertEquals(0.80, evidence(r, "cpu.process").threshold());
        assertTrue(r.reason().contains("93 %"), r.reason());
    }

    @Test
    void slowRequestsWithAnIdleCpuAreNotANodeProblem() {
        Builder b = quiet();
        b.http = window(500, 800, 10);
        b.processCpu = 0.30;
        only(recommend(b), Action.NONE);
    }

    @Test
    void manyRequestsInFlightOnABusyCpuAskForANode() {
        Builder b = quiet();
        b.inFlight = 40;
        b.processCpu = 0.85;
        Recommendation r = only(recommend(b), Action.ADD_NODE);
        assertEquals(40, evidence(r, "http.inFlight").observed());
        assertEquals(32, evidence(r, "http.inFlight").threshold());
    }

    @Test
    void exactlyAtTheTargetIsNotOverIt() {
        Builder b = quiet();
        b.http = window(500, 500, 10);
        b.inFlight = 32;
        b.processCpu = 0.99;
        only(recommend(b), Action.NONE);
    }

    @Test
    void aP99OverTooFewSamplesIsNotTrusted() {
        Builder b = quiet();
        b.http = window(49, 5000, 1);
        b.processCpu = 0.99;
        Recommendation r = only(recommend(b), Action.NONE);
        assertTrue(r.reason().contains("request p99 (49 samples in the last minute, fewer than 50)"), r.reason());
    }

    @Test
    void anUnknownCpuNeverAsksForANodeAndSaysSo() {
        Builder b = quiet();
        b.http = window(500, 900, 10);
        b.processCpu = null;
        Recommendation r = only(recommend(b), Action.NONE);
        assertTrue(r.reason().contains("process CPU"), r.reason());
    }

    @Test
    void slowCheckoutsBelowTheBoundRaiseTheMongoPool() {
        Builder b = quiet();
        b.poolWait = window(500, 45, 10);
        Recommendation r = only(recommend(b), Action.RAISE_MONGO_POOL);
        assertEquals(45, evidence(r, "mongo.pool.waitP99").observed());
        assertEquals(20, evidence(r, "mongo.pool.waitP99").threshold());
        assertEquals(50, evidence(r, "mongo.pool.maxSize").observed());
        assertEquals(200, evidence(r, "mongo.pool.maxSize").threshold());
        assertTrue(r.reason().contains("from 50 to 75 (bound 200)"), r.reason());
    }

    @Test
    void aQueueWhileEveryConnectionIsInUseRaisesTheMongoPool() {
        Builder b = quiet();
        b.inUse = 50;
        b.waitQueue = 3;
        Recommendation r = only(recommend(b), Action.RAISE_MONGO_POOL);
        assertEquals(3, evidence(r, "mongo.pool.waitQueue").observed());
        assertEquals(50, evidence(r, "mongo.pool.inUse").observed());
    }

    @Test
    void aQueueWithFreeConnectionsIsJustCheckoutsInProgress() {
        Builder b = quiet();
        b.inUse = 10;
        b.waitQueue = 3;
        only(recommend(b), Action.NONE);
    }

    @Test
    void theSuggestedPoolNeverPassesTheBound() {
        Builder b = quiet();
        b.poolMax = 190;
        b.poolWait = window(500, 45, 10);
        Recommendation r = only(recommend(b), Action.RAISE_MONGO_POOL);
        assertTrue(r.reason().contains("from 190 to 200"), r.reason());
    }

    @Test
    void poolPressureAtTheBoundWithMostlyReadsAsksForAReadReplica() {
        Builder b = quiet();
        b.poolMax = 200;
        b.poolWait = window(500, 45, 10);
        Recommendation r = only(recommend(b), Action.ADD_READ_REPLICA);
        assertEquals(0.8, evidence(r, "mongo.readShare").observed());
        assertEquals(0.7, evidence(r, "mongo.readShare").threshold());
    }

    @Test
    void poolPressureAtTheBoundWithMostlyWritesAsksForANode() {
        Builder b = quiet();
        b.poolMax = 200;
        b.poolWait = window(500, 45, 10);
        b.reads = window(100, 5, 2);
        b.writes = window(400, 5, 8);
        Recommendation r = only(recommend(b), Action.ADD_NODE);
        assertEquals(200, evidence(r, "mongo.pool.maxSize").observed());
    }

    @Test
    void slowMongoReadsAskForAReadReplica() {
        Builder b = quiet();
        b.commands = window(500, 250, 10);
        Recommendation r = only(recommend(b), Action.ADD_READ_REPLICA);
        assertEquals(250, evidence(r, "mongo.commands.p99").observed());
        assertEquals(100, evidence(r, "mongo.commands.p99").threshold());
    }

    @Test
    void slowMongoWritesAreNotHelpedByAReplica() {
        Builder b = quiet();
        b.commands = window(500, 250, 10);
        b.reads = window(100, 5, 2);
        b.writes = window(400, 5, 8);
        only(recommend(b), Action.NONE);
    }

    @Test
    void redisNearItsMaxmemoryAsksForMemory() {
        Builder b = quiet();
        b.redis = new RedisServer(95, 100, "allkeys-lru", 0, 3600, 0, "x");
        Recommendation r = only(recommend(b), Action.ADD_REDIS_MEMORY);
        assertEquals(0.95, evidence(r, "redis.memoryRatio").observed());
        assertEquals(0.90, evidence(r, "redis.memoryRatio").threshold());
    }

    @Test
    void unlimitedRedisMemoryIsNeverFullAndTheAnswerSaysItIsUnlimited() {
        Builder b = quiet();
        b.redis = new RedisServer(10_000_000_000L, 0, "noeviction", 0, 3600, 0, "x");
        Recommendation r = only(recommend(b), Action.NONE);
        assertTrue(r.reason().contains("maxmemory 0: unlimited"), r.reason());
    }

    @Test
    void evictionsAskForMemoryAndTogetherWithAFullRedisMakeOneRecommendation() {
        Builder b = quiet();
        b.redis = new RedisServer(99, 100, "allkeys-lru", 500, 3600, 12.5, "since the previous reading 60 s ago");
        Recommendation r = only(recommend(b), Action.ADD_REDIS_MEMORY);
        assertEquals(12.5, evidence(r, "redis.evictionsPerMinute").observed());
        assertEquals(0, evidence(r, "redis.evictionsPerMinute").threshold());
        assertEquals(0.99, evidence(r, "redis.memoryRatio").observed());
        assertTrue(r.reason().contains("since the previous reading 60 s ago"), r.reason());
    }

    @Test
    void redisThatDidNotAnswerIsNotJudged() {
        Builder b = quiet();
        b.redis = null;
        Recommendation r = only(recommend(b), Action.NONE);
        assertTrue(r.reason().contains("Redis did not answer"), r.reason());
    }

    @Test
    void slowRedisCallsBelowTheBoundRaiseTheRedisPool() {
        Builder b = quiet();
        b.redisCalls = window(500, 35, 10);
        Recommendation r = only(recommend(b), Action.RAISE_REDIS_POOL);
        assertEquals(35, evidence(r, "redis.calls.p99").observed());
        assertEquals(24, evidence(r, "redis.pool.size").observed());
        assertEquals(128, evidence(r, "redis.pool.size").threshold());
        assertTrue(r.reason().contains("from 24 to 36"), r.reason());
    }

    @Test
    void slowRedisCallsWithThePoolAtItsBoundDoNotRaiseIt() {
        Builder b = quiet();
        b.redisCalls = window(500, 35, 10);
        b.redisPool = 128;
        only(recommend(b), Action.NONE);
    }

    @Test
    void severalProblemsGiveSeveralRecommendationsAndOneNodeForTwoReasons() {
        Builder b = quiet();
        b.http = window(500, 800, 10);
        b.processCpu = 0.95;
        b.poolMax = 200;
        b.poolWait = window(500, 45, 10);
        b.reads = window(100, 5, 2);
        b.writes = window(400, 5, 8);
        b.redis = new RedisServer(95, 100, "allkeys-lru", 0, 3600, 0, "x");
        List<Recommendation> found = recommend(b);
        assertEquals(List.of(Action.ADD_NODE, Action.ADD_REDIS_MEMORY), found.stream().map(Recommendation::action).toList());
        Recommendation node = found.get(0);
        evidence(node, "http.p99");
        evidence(node, "mongo.pool.waitP99");
        assertTrue(node.reason().contains("CPU is busy") && node.reason().contains("mostly writes"), node.reason());
    }
}
