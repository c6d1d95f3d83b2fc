package app.pdeck.stats;

import app.pdeck.cache.CacheOwner;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.ReadPolicy;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.cache.annotation.CacheResult;

/**
 * The statistics use cases. Results are cached briefly (caches {@code task-stats} and {@code admin-stats}, TTLs in
 * the configuration): a user's entry is dropped when their tasks change; the admin overview simply ages out. The
 * pipelines read with the analytics read preference ({@code pdeck.mongo.read.analytics}: a secondary on a replica set).
 */
@ApplicationScoped
public class StatsService {

    @Inject
    MongoConnection mongo;

    @Inject
    ReadPolicy readPolicy;

    @CacheResult(cacheName = "task-stats")
    public TaskStats taskStats(@CacheOwner String userId) {
        return StatsQueries.taskStats(analytics(), userId, Instant.now());
    }

    @CacheResult(cacheName = "admin-stats")
    public AdminStats adminStats() {
        return StatsQueries.adminStats(analytics(), Instant.now());
    }

    private MongoDatabase analytics() {
        return mongo.database().withReadPreference(readPolicy.forUse(ReadPolicy.Use.ANALYTICS));
    }
}
