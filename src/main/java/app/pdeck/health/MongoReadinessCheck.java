package app.pdeck.health;

import app.pdeck.platform.mongo.MongoConnection;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while MongoDB answers {@code ping}. */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    @Inject
    MongoConnection mongo;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "pdeck.health.probe-timeout-ms")
    long timeoutMs;

    @Override
    public HealthCheckResponse call() {
        return BoundedProbe.run("mongodb", executor, timeoutMs, () -> {
            mongo.database().runCommand(new Document("ping", 1));
            return "ping ok, database " + mongo.databaseName();
        });
    }
}
