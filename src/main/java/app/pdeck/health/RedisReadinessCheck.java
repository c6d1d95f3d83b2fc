package app.pdeck.health;

import app.pdeck.platform.redis.RedisConnection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while every Redis node answers {@code PING}. */
@Readiness
@ApplicationScoped
public class RedisReadinessCheck implements HealthCheck {

    @Inject
    RedisConnection redis;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "pdeck.health.probe-timeout-ms")
    long timeoutMs;

    @Override
    public HealthCheckResponse call() {
        return BoundedProbe.run("redis", executor, timeoutMs, () -> {
            if (!redis.ping(timeoutMs, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("PING to " + redis.address() + " got no PONG");
            }
            return "PONG from " + redis.address();
        });
    }
}
