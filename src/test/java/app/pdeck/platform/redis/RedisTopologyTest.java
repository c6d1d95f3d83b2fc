package app.pdeck.platform.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;

class RedisTopologyTest {

    private static final RedisTopology.Settings SETTINGS = new RedisTopology.Settings(24, 4, 1000, 1000, 1);

    @Test
    void urlAloneMeansOneServer() {
        RedisTopology topology = RedisTopology.from("redis://cache:6380/2", Optional.empty(), "mymaster", Optional.empty());
        assertEquals(RedisTopology.Mode.SINGLE, topology.mode());
        assertEquals(RedisNodes.SINGLE, topology.nodes());
        assertFalse(topology.replicated());
        Config config = topology.config("redis://cache:6380/2", SETTINGS);
        assertEquals("redis://cache:6380", config.useSingleServer().getAddress());
        assertEquals(2, config.useSingleServer().getDatabase());
    }

    @Test
    void sentinelsListUsesTheMasterNameAndReadsFromTheMaster() {
        RedisTopology topology = RedisTopology.from("redis://:secret@ignored:6379", Optional.of("s1:26379, s2:26379,s3:26379"),
                "pdeck", Optional.empty());
        assertEquals(RedisTopology.Mode.SENTINEL, topology.mode());
        assertEquals(List.of("redis://s1:26379", "redis://s2:26379", "redis://s3:26379"), topology.addresses());
        assertEquals(RedisNodes.SENTINEL_MASTER_SLAVE, topology.nodes());
        Config config = topology.config("redis://:secret@ignored:6379", SETTINGS);
        assertEquals("pdeck", config.useSentinelServers().getMasterName());
        assertEquals("secret", config.useSentinelServers().getPassword());
        assertEquals(ReadMode.MASTER, config.useSentinelServers().getReadMode());
        assertFalse(topology.toString().contains("secret"));
    }

    @Test
    void clusterNodesKeepTheTlsSchemeOfTheUrl() {
        RedisTopology topology = RedisTopology.from("rediss://u:p@ignored:6379", Optional.empty(), "mymaster",
                Optional.of("10.0.0.1:7000,redis://10.0.0.2:7001"));
        assertEquals(RedisTopology.Mode.CLUSTER, topology.mode());
        assertEquals(List.of("rediss://10.0.0.1:7000", "rediss://10.0.0.2:7001"), topology.addresses());
        assertEquals(RedisNodes.CLUSTER, topology.nodes());
        assertTrue(topology.replicated());
        Config config = topology.config("rediss://u:p@ignored:6379", SETTINGS);
        assertEquals(ReadMode.MASTER, config.useClusterServers().getReadMode());
        assertEquals(24, config.useClusterServers().getMasterConnectionPoolSize());
    }

    @Test
    void sentinelAndClusterTogetherAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisTopology.from(
                "redis://h:6379", Optional.of("s:26379"), "m", Optional.of("c:7000")));
        assertTrue(e.getMessage().contains("either"));
    }

    @Test
    void clusterWithADatabaseNumberIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RedisTopology.from("redis://h:6379/3", Optional.empty(),
                "m", Optional.of("c:7000")));
    }

    @Test
    void malformedNodeIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisTopology.from(
                "redis://h:6379", Optional.empty(), "m", Optional.of("c:7000,nohostport")));
        assertTrue(e.getMessage().contains("nohostport"));
    }
}
