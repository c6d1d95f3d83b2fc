package app.pdeck.platform.redis;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where and as whom the application connects to Redis, read from configuration at the moment a client is built:
 * {@code redis.url}, then {@code redis.username} / {@code redis.password} (which win over user info in the URL and
 * usually come from the credential store), and for {@code rediss://} an optional trust store for a private CA.
 */
public record RedisSettings(RedisEndpoint endpoint, String username, String password, String trustStore,
                            String trustStorePassword) {

    public static RedisSettings from(Config config) {
        RedisEndpoint endpoint = RedisEndpoint.parse(config.getValue("redis.url", String.class));
        return new RedisSettings(endpoint,
                value(config, "redis.username").orElse(endpoint.username()),
                value(config, "redis.password").orElse(endpoint.password()),
                value(config, "redis.tls.trust-store").orElse(null),
                value(config, "redis.tls.trust-store-password").orElse(null));
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }

    /** The ACL user this client authenticates as; {@code default} when no user name is configured. */
    public String user() {
        return username == null ? "default" : username;
    }

    public boolean tls() {
        return endpoint.address().startsWith("rediss://");
    }

    public RedisSettings withCredentials(String newUsername, String newPassword) {
        return new RedisSettings(endpoint, newUsername, newPassword, trustStore, trustStorePassword);
    }

    /** Safe to log: no password. */
    @Override
    public String toString() {
        return endpoint + " as " + user() + (trustStore == null ? "" : ", trust store " + trustStore);
    }
}
