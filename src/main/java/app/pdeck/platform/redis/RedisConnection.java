package app.pdeck.platform.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.codec.JsonJacksonCodec;
import org.redisson.config.Config;

/**
 * Owns the application's one {@link RedissonClient}. It connects lazily, so the application deploys and serves
 * from MongoDB while Redis is down, and reconnects by itself when Redis returns.
 */
@ApplicationScoped
public class RedisConnection {

    @Inject
    Logger log;

    @Inject
    @ConfigProperty(name = "redis.url")
    String url;

    @Inject
    @ConfigProperty(name = "redis.sentinels")
    Optional<String> sentinels;

    @Inject
    @ConfigProperty(name = "redis.sentinel.master-name")
    String sentinelMasterName;

    @Inject
    @ConfigProperty(name = "redis.cluster.nodes")
    Optional<String> clusterNodes;

    @Inject
    @ConfigProperty(name = "redis.pool.size")
    int poolSize;

    @Inject
    @ConfigProperty(name = "redis.pool.min-idle")
    int poolMinIdle;

    @Inject
    @ConfigProperty(name = "redis.connect-timeout-ms")
    int connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "redis.timeout-ms")
    int timeoutMs;

    @Inject
    @ConfigProperty(name = "redis.retry-attempts")
    int retryAttempts;

    @Inject
    @ConfigProperty(name = "redis.sync-replicas")
    int syncReplicas;

    private RedissonClient client;
    private RedisTopology topology;

    @PostConstruct
    void open() {
        topology = RedisTopology.from(url, sentinels, sentinelMasterName, clusterNodes);
        Config config = topology.config(url,
                new RedisTopology.Settings(poolSize, poolMinIdle, connectTimeoutMs, timeoutMs, retryAttempts));
        config.setLazyInitialization(true);
        // JSON instead of Redisson's default (Kryo), so values stay readable and decodable across deployments;
        // the cache (app.pdeck.cache) stores its JSON strings through this codec.
        config.setCodec(new JsonJacksonCodec());
        client = Redisson.create(config);
        log.info(() -> "Redis client created for " + topology);
    }

    public RedissonClient client() {
        return client;
    }

    /** Sends PING to every Redis node and reports whether all answered within the timeout. */
    public boolean ping(long timeout, TimeUnit unit) {
        return client.getRedisNodes(topology.nodes()).pingAll(timeout, unit);
    }

    /** The configured deployment (single server, Sentinel or Cluster), loggable: it holds no credentials. */
    public RedisTopology topology() {
        return topology;
    }

    /** How many replicas must confirm a write that must survive a failover (0 on a single server). */
    public int replicasToAwait() {
        return topology.replicated() ? syncReplicas : 0;
    }

    public String address() {
        return topology.toString();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.shutdown();
            log.info("Redis client closed");
        }
    }
}
