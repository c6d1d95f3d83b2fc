package app.pdeck.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.testsupport.RedisTopologies;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.redisson.api.RedissonClient;

/**
 * What the cache needs from every replicated Redis deployment (Cluster, Sentinel), checked on a real one that the
 * subclass starts on loopback: every node answers, no per-user operation crosses slots, and a killed master fails
 * over without losing an acknowledged invalidation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
abstract class ReplicatedRedisCacheContract {

    private RedisTopologies redis;
    private RedissonClient redisson;
    private RedisTopology topology;

    /** Starts the deployment's servers. */
    abstract RedisTopologies start();

    /** The application's view of the started deployment. */
    abstract RedisTopology topologyOf(RedisTopologies started);

    @BeforeAll
    void startDeployment() {
        redis = start();
        topology = topologyOf(redis);
        redisson = ReplicatedRedisCacheChecks.client(topology);
    }

    @AfterAll
    void stopDeployment() {
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
    void cacheOperationsForUsersInDifferentSlotsNeverFailWithCrossSlot() throws Exception {
        ReplicatedRedisCacheChecks.everyOperationWorksForManyUsers(redisson,
                topology.mode() == RedisTopology.Mode.CLUSTER);
    }

    @Test
    void killedMasterFailsOverWithinSecondsAndKeepsEveryAcknowledgedInvalidation() throws Exception {
        ReplicatedRedisCacheChecks.Failover failover = ReplicatedRedisCacheChecks.killMasterUnderLoad(redisson, redis);
        System.out.println(topology.mode() + " failover under load: " + failover);
        assertTrue(failover.failed() > 0, "some operations failed while the master was down: " + failover);
        assertTrue(failover.recoveredAfterMs() < 20_000, "operations succeed again within 20 s: " + failover);
        assertTrue(failover.generationAfter() >= failover.lastAcknowledgedGeneration(),
                "no acknowledged generation bump was lost in the failover: " + failover);
    }
}
