package app.pdeck.platform.redis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.redisson.api.redisnode.BaseRedisNodes;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SubscriptionMode;

/**
 * Which Redis deployment the application talks to, decided by configuration alone: one server ({@code redis.url}),
 * a Sentinel-monitored master with replicas ({@code redis.sentinels} + {@code redis.sentinel.master-name}) or a Redis
 * Cluster ({@code redis.cluster.nodes}); it fills Redisson's own configuration for that mode. Credentials, database
 * and TLS ({@code rediss://}) always come from {@code redis.url}. Reads go to masters in every mode: a replica may lag,
 * and a cache that served from a lagging replica could serve an entry its invalidation already removed.
 */
public record RedisTopology(Mode mode, List<String> addresses, String masterName) {

    /** The three deployment shapes Redisson supports natively and we test. */
    public enum Mode { SINGLE, SENTINEL, CLUSTER }

    /** Connection pool and timeout settings shared by every mode. */
    public record Settings(int poolSize, int poolMinIdle, int connectTimeoutMs, int timeoutMs, int retryAttempts) {
    }

    public RedisTopology {
        addresses = List.copyOf(addresses);
    }

    /** The topology the settings describe; Sentinel and Cluster lists are {@code host:port} separated by commas. */
    public static RedisTopology from(String url, Optional<String> sentinels, String masterName,
                                     Optional<String> clusterNodes) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        List<String> sentinelList = sentinels.map(list -> hosts(list, endpoint.scheme(), "redis.sentinels")).orElse(List.of());
        List<String> clusterList = clusterNodes.map(list -> hosts(list, endpoint.scheme(), "redis.cluster.nodes")).orElse(List.of());
        if (!sentinelList.isEmpty() && !clusterList.isEmpty()) {
            throw new IllegalArgumentException("set either redis.sentinels or redis.cluster.nodes, not both");
        }
        if (!sentinelList.isEmpty()) {
            if (masterName == null || masterName.isBlank()) {
                throw new IllegalArgumentException("redis.sentinel.master-name is required with redis.sentinels");
            }
            return new RedisTopology(Mode.SENTINEL, sentinelList, masterName.trim());
        }
        if (!clusterList.isEmpty()) {
            if (endpoint.database() != 0) {
                throw new IllegalArgumentException("Redis Cluster has only database 0; remove the database from redis.url");
            }
            return new RedisTopology(Mode.CLUSTER, clusterList, null);
        }
        return new RedisTopology(Mode.SINGLE, List.of(endpoint.address()), null);
    }

    /** Redisson's configuration for this topology, with the credentials and database of {@code url}. */
    public Config config(String url, Settings settings) {
        return config(url, settings, server -> { });
    }

    /**
     * As {@link #config(String, Settings)}, then {@code security} gets the server configuration of the mode to set
     * credentials and trust store that do not come from the URL (the credential store; see RedisSettings).
     */
    public Config config(String url, Settings settings, Consumer<BaseConfig<?>> security) {
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        Config config = new Config();
        switch (mode) {
            case SINGLE -> security.accept(config.useSingleServer()
                    .setAddress(addresses.get(0))
                    .setUsername(endpoint.username())
                    .setPassword(endpoint.password())
                    .setDatabase(endpoint.database())
                    .setConnectionPoolSize(settings.poolSize())
                    .setConnectionMinimumIdleSize(settings.poolMinIdle())
                    .setConnectTimeout(settings.connectTimeoutMs())
                    .setTimeout(settings.timeoutMs())
                    .setRetryAttempts(settings.retryAttempts()));
            case SENTINEL -> security.accept(masterSlave(config.useSentinelServers()
                    .setMasterName(masterName)
                    .addSentinelAddress(addresses.toArray(String[]::new))
                    .setDatabase(endpoint.database())
                    // Sentinels announce the replicas they know; a small group of three must not be refused.
                    .setCheckSentinelsList(false), endpoint, settings));
            case CLUSTER -> security.accept(masterSlave(config.useClusterServers()
                    .addNodeAddress(addresses.toArray(String[]::new))
                    // A promoted replica is found within a second of the cluster's own failover.
                    .setScanInterval(1000), endpoint, settings));
        }
        return config;
    }

    private static BaseConfig<?> masterSlave(BaseMasterSlaveServersConfig<?> servers, RedisEndpoint endpoint,
                                             Settings settings) {
        return servers.setUsername(endpoint.username())
                .setPassword(endpoint.password())
                .setReadMode(ReadMode.MASTER)
                .setSubscriptionMode(SubscriptionMode.MASTER)
                .setMasterConnectionPoolSize(settings.poolSize())
                .setMasterConnectionMinimumIdleSize(settings.poolMinIdle())
                // Replicas are read by nobody (ReadMode.MASTER): keep their pools small.
                .setSlaveConnectionPoolSize(Math.max(1, settings.poolMinIdle()))
                .setSlaveConnectionMinimumIdleSize(1)
                .setConnectTimeout(settings.connectTimeoutMs())
                .setTimeout(settings.timeoutMs())
                .setRetryAttempts(settings.retryAttempts());
    }

    /** The node group to ping for this mode. */
    public RedisNodes<? extends BaseRedisNodes> nodes() {
        return switch (mode) {
            case SINGLE -> RedisNodes.SINGLE;
            case SENTINEL -> RedisNodes.SENTINEL_MASTER_SLAVE;
            case CLUSTER -> RedisNodes.CLUSTER;
        };
    }

    /** Whether writes can be replicated (and waited for) before they count as done. */
    public boolean replicated() {
        return mode != Mode.SINGLE;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case SINGLE -> addresses.get(0);
            case SENTINEL -> "sentinel master '" + masterName + "' via " + String.join(",", addresses);
            case CLUSTER -> "cluster via " + String.join(",", addresses);
        };
    }

    private static List<String> hosts(String list, String scheme, String property) {
        List<String> hosts = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(host -> {
                    String bare = host.replaceFirst("^rediss?://", "");
                    if (!bare.matches("[^:/\\s]+:\\d{1,5}")) {
                        throw new IllegalArgumentException(property + " entries must be host:port, got '" + host + "'");
                    }
                    return scheme + "://" + bare;
                })
                .toList();
        return hosts;
    }
}
