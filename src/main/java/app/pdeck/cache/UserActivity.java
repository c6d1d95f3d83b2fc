package app.pdeck.cache;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RMap;
import org.redisson.api.map.WriteMode;
import org.redisson.api.options.MapOptions;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * Requests per user, counted in Redis and written behind to MongoDB ({@code user_activity}) by Redisson's
 * write-behind: losing the last seconds of a counter is acceptable, a database write per request is not. The
 * counter is incremented without waiting, and not at all while the Redis breaker is open.
 */
@ApplicationScoped
public class UserActivity {

    static final String MAP_NAME = "pdeck:activity:requests";

    @Inject
    Logger log;

    @Inject
    RedisConnection redis;

    @Inject
    MongoConnection mongo;

    @Inject
    CacheRuntime runtime;

    @Inject
    @ConfigProperty(name = "pdeck.cache.activity.write-behind-ms")
    int writeBehindMs;

    private final LongAdder failures = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private RMap<String, Long> requests;

    @PostConstruct
    void open() {
        requests = redis.client().getMap(MapOptions.<String, Long>name(MAP_NAME)
                .codec(new CompositeCodec(StringCodec.INSTANCE, LongCodec.INSTANCE))
                .writer(new UserActivityWriter(mongo))
                .writeMode(WriteMode.WRITE_BEHIND)
                .writeBehindDelay(writeBehindMs)
                .writeBehindBatchSize(500));
    }

    /**
     * Writes what is queued before the application's beans (MongoDB client included) go away; {@code @PreDestroy}
     * would be too late, as the order in which application-scoped beans are destroyed is not defined.
     */
    void flushOnUndeploy(@Observes @BeforeDestroyed(ApplicationScoped.class) Object undeploying) {
        if (requests != null) {
            requests.destroy();
        }
    }

    /** Counts one request of this user; returns at once. */
    public void recordRequest(String userId) {
        if (userId == null || runtime.engine().breakerState() != RedisBreaker.State.CLOSED) {
            return;
        }
        requests.addAndGetAsync(userId, 1L).whenComplete((count, error) -> {
            if (error != null) {
                failures.increment();
                if (failureLogged.compareAndSet(false, true)) {
                    log.warning(() -> "User activity counter not updated (further failures are only counted): "
                            + CacheEngine.describe(error));
                }
            } else if (failureLogged.get()) {
                failureLogged.set(false);
            }
        });
    }

    long failures() {
        return failures.sum();
    }
}
