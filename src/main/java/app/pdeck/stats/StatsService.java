package app.pdeck.stats;

import app.pdeck.cache.CacheOwner;
import app.pdeck.platform.mongo.MongoConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import javax.cache.annotation.CacheResult;

/**
 * The statistics use cases. Results are cached briefly (caches {@code task-stats} and {@code admin-stats}, TTLs in
 * the configuration): a user's entry is dropped when their tasks change; the admin overview simply ages out.
 */
@ApplicationScoped
public class StatsService {

    @Inject
    MongoConnection mongo;

    @CacheResult(cacheName = "task-stats")
    public TaskStats taskStats(@CacheOwner String userId) {
        return StatsQueries.taskStats(mongo.database(), userId, Instant.now());
    }

    @CacheResult(cacheName = "admin-stats")
    public AdminStats adminStats() {
        return StatsQueries.adminStats(mongo.database(), Instant.now());
    }
}
