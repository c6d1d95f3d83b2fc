package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.testsupport.RedisTopologies;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

/** The cache on a real Redis Cluster of 3 masters and 3 replicas (loopback, started by the test). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedisClusterCacheIT {

    static RedisTopologies redis;
    static RedissonClient redisson;
    static RedisTopology topology;

    @BeforeAll
    static void startCluster() {
        redis = RedisTopologies.cluster("cluster");
        topology = RedisTopology.from("redis://127.0.0.1:6379", Optional.empty(), "mymaster",
                Optional.of(redis.serverList()));
        redisson = ReplicatedRedisCacheChecks.client(topology);
    }

    @AfterAll
    static void stopCluster() {
        if (redisson != null) {
            redisson.shutdown();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void everyNodeAnswersPing() {
        assertTrue(redisson.getRedisNodes(topology.nodes()).pingAll(2, TimeUnit.SECONDS));
    }

    @Test
    void cacheOperationsForUsersInDifferentSlotsNeverFailWithCrossSlot() {
        ReplicatedRedisCacheChecks.everyOperationWorksForManyUsers(redisson);
    }

    @Test
    void killedMasterFailsOverWithinSecondsAndKeepsEveryAcknowledgedInvalidation() throws Exception {
        ReplicatedRedisCacheChecks.Failover failover = ReplicatedRedisCacheChecks.killMasterUnderLoad(redisson, redis);
        System.out.println("Redis Cluster failover under load: " + failover);
        assertTrue(failover.failed() > 0, "some operations failed while the master was down: " + failover);
        assertTrue(failover.recoveredAfterMs() < 20_000, "operations succeed again within 20 s: " + failover);
        assertTrue(failover.generationAfter() >= failover.lastAcknowledgedGeneration(),
                "no acknowledged generation bump was lost in the failover: " + failover);
    }
}
