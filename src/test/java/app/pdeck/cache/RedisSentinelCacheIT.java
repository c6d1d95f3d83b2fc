package app.pdeck.cache;

import app.pdeck.platform.redis.RedisTopology;
import app.pdeck.testsupport.RedisTopologies;
import java.util.Optional;

/** The cache on a real Sentinel group: 1 master, 1 replica, 3 sentinels (loopback, started by the test). */
class RedisSentinelCacheIT extends ReplicatedRedisCacheContract {

    @Override
    RedisTopologies start() {
        return RedisTopologies.sentinel("sentinel");
    }

    @Override
    RedisTopology topologyOf(RedisTopologies started) {
        return RedisTopology.from("redis://127.0.0.1:6379", Optional.of(started.sentinelList()),
                RedisTopologies.MASTER_NAME, Optional.empty());
    }
}
