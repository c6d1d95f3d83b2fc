package app.pdeck.cache;

import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.testsupport.RedisTopologies;
import java.util.Optional;

/** The cache on a real Redis Cluster of 3 masters and 3 replicas (loopback, started by the test). */
class RedisClusterCacheIT extends ReplicatedRedisCacheContract {

    @Override
    RedisTopologies start() {
        return RedisTopologies.cluster("cluster");
    }

    @Override
    RedisTopology topologyOf(RedisTopologies started) {
        return RedisTopology.from("redis://127.0.0.1:6379", Optional.empty(), "mymaster",
                Optional.of(started.serverList()));
    }
}
