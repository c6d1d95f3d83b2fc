package app.pdeck.platform.redis;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;
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

    private RedissonClient client;
    private RedisEndpoint endpoint;

    @PostConstruct
    void open() {
        endpoint = RedisEndpoint.parse(url);
        Config config = new Config();
        config.setLazyInitialization(true);
        // JSON instead of Redisson's default (Kryo), so values stay readable and decodable across deployments;
        // the cache (app.pdeck.cache) stores its JSON strings through this codec.
        config.setCodec(new JsonJacksonCodec());
        config.useSingleServer()
                .setAddress(endpoint.address())
                .setUsername(endpoint.username())
                .setPassword(endpoint.password())
                .setDatabase(endpoint.database())
                .setConnectionPoolSize(poolSize)
                .setConnectionMinimumIdleSize(poolMinIdle)
                .setConnectTimeout(connectTimeoutMs)
                .setTimeout(timeoutMs)
                .setRetryAttempts(retryAttempts);
        client = Redisson.create(config);
        log.info(() -> "Redis client created for " + endpoint);
    }

    public RedissonClient client() {
        return client;
    }

    /** Sends PING to every Redis node and reports whether all answered within the timeout. */
    public boolean ping(long timeout, TimeUnit unit) {
        return client.getRedisNodes(RedisNodes.SINGLE).pingAll(timeout, unit);
    }

    public String address() {
        return endpoint.address();
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.shutdown();
            log.info("Redis client closed");
        }
    }
}
