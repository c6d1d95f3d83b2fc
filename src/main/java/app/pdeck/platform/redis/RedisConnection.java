package app.pdeck.platform.redis;

import app.pdeck.platform.ClientRetirement;
import io.netty.util.ResourceLeakDetector;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.MalformedURLException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.codec.JsonJacksonCodec;
import org.redisson.config.Config;

/**
 * Owns the application's current {@link RedissonClient}. It connects lazily, so the application deploys and serves
 * from MongoDB while Redis is down, and reconnects by itself when Redis returns. When the configured credentials
 * change (rotation), {@link #refresh()} builds a client with the new ones, swaps it in, and closes the old one once
 * the calls that already hold it have drained; callers therefore ask {@link #client()} for every use.
 */
@ApplicationScoped
public class RedisConnection {

    @Inject
    Logger log;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @Inject
    ClientRetirement retirement;

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
    volatile int poolSize;

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

    private record Active(RedissonClient client, RedisSettings settings) {
    }

    private volatile Active active;
    private RedisTopology topology;
    private CompletionStage<Void> lastRetirement = CompletableFuture.completedFuture(null);

    @PostConstruct
    void open() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's default samples one buffer in 128 and records a stack trace for it: ≈ 1 % of a cached read's CPU
            // in a profile (Redisson releases its buffers itself). The property above still turns it on for a hunt.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        RedisSettings settings = RedisSettings.from(config);
        topology = RedisTopology.from(config.getValue("redis.url", String.class), sentinels, sentinelMasterName,
                clusterNodes);
        active = new Active(create(settings), settings);
        log.info(() -> "Redis client created for " + topology + " as " + settings.user());
    }

    RedissonClient create(RedisSettings settings) {
        Config redisson = topology.config(config.getValue("redis.url", String.class),
                new RedisTopology.Settings(poolSize, poolMinIdle, connectTimeoutMs, timeoutMs, retryAttempts),
                server -> applySecurity(server, settings));
        redisson.setLazyInitialization(true);
        // JSON instead of Redisson's default (Kryo), so values stay readable and decodable across deployments (the
        // user-activity map); the cache's entries name their own byte codec.
        redisson.setCodec(new JsonJacksonCodec());
        return Redisson.create(redisson);
    }

    /** User, password and trust store of {@code settings}, on any Redisson server configuration. */
    public static void applySecurity(org.redisson.config.BaseConfig<?> server, RedisSettings settings) {
        server.setUsername(settings.username()).setPassword(settings.password());
        if (settings.trustStore() != null) {
            try {
                server.setSslTruststore(Path.of(settings.trustStore()).toUri().toURL())
                        .setSslTruststorePassword(settings.trustStorePassword());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("redis.tls.trust-store is not a file path");
            }
        }
    }

    public RedissonClient client() {
        return active.client();
    }

    /** The settings of the current client (its password included: never log more than {@code toString()}). */
    public RedisSettings settings() {
        return active.settings();
    }

    /**
     * Builds a new client when the configured Redis settings differ from the current client's and swaps it in.
     *
     * @return when a swap happened, the moment the replaced client is closed
     */
    public synchronized Optional<CompletionStage<Void>> refresh() {
        return refresh(false);
    }

    private Optional<CompletionStage<Void>> refresh(boolean force) {
        RedisSettings next = RedisSettings.from(config);
        Active previous = active;
        if (!force && next.equals(previous.settings())) {
            return Optional.empty();
        }
        active = new Active(create(next), next);
        log.info(() -> "Redis client replaced: now " + next + " (was " + previous.settings().user() + ")");
        lastRetirement = retirement.retire("Redis client (" + previous.settings().user() + ")",
                previous.client()::shutdown);
        return Optional.of(lastRetirement);
    }

    /** The connection pool size (per master) of the current client: {@code redis.pool.size} or a resize. */
    public int poolSize() {
        return poolSize;
    }

    /**
     * Swaps in a client whose pool holds {@code size} connections per master, the way a credential rotation swaps:
     * calls already running finish on the old client, which is shut down after the drain period.
     *
     * @return the moment the replaced client is closed
     */
    public synchronized CompletionStage<Void> resizePool(int size) {
        int previous = poolSize;
        poolSize = size;
        try {
            return refresh(true).orElseThrow();
        } catch (RuntimeException e) {
            poolSize = previous;
            throw e;
        }
    }

    /**
     * Applies the configured settings now, unless the credential-store watcher already did, and tells when the client
     * they replaced is closed.
     */
    public synchronized CompletionStage<Void> applyConfigured() {
        return refresh().orElse(lastRetirement);
    }

    /** Sends PING to every Redis node and reports whether all answered within the timeout. */
    public boolean ping(long timeout, TimeUnit unit) {
        return client().getRedisNodes(topology.nodes()).pingAll(timeout, unit);
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
        if (active != null) {
            active.client().shutdown();
            log.info("Redis client closed");
        }
    }
}
