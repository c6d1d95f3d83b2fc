package app.pdeck.health;

import app.pdeck.info.InfoService;
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

/**
 * Ready only while MongoDB answers {@code buildInfo} (as cheap as {@code ping}); the answer's server version keeps
 * {@code GET /info} current without a database call of its own.
 */
@Readiness
@ApplicationScoped
public class MongoReadinessCheck implements HealthCheck {

    @Inject
    MongoConnection mongo;

    @Inject
    InfoService info;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "pdeck.health.probe-timeout-ms")
    long timeoutMs;

    @Override
    public HealthCheckResponse call() {
        return BoundedProbe.run("mongodb", executor, timeoutMs, () -> {
            String version = InfoService.serverVersion(mongo.database().runCommand(new Document("buildInfo", 1)));
            info.serverVersionSeen(version);
            return "buildInfo ok (MongoDB " + version + "), database " + mongo.databaseName();
        });
    }
}
