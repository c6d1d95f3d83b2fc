package app.pdeck.user;

import app.pdeck.cache.CacheRuntime;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.map.WriteMode;
import org.redisson.api.options.MapOptions;
import org.redisson.client.codec.LongCodec;
import org.redisson.client.codec.StringCodec;
import org.redisson.codec.CompositeCodec;

/**
 * Requests per user, counted in Redis and written behind to MongoDB ({@code user_activity}) by Redisson's
 * write-behind: losing the last seconds of a counter is acceptable, a database write per request is not. Requests
 * are first summed in this JVM and added to Redis once per {@code pdeck.cache.activity.write-behind-ms} per user,
 * so Redis (and Redisson's write-behind queue) sees one update per active user per period, not one per request.
 * Nothing is sent while the Redis breaker is open; those counts wait in the JVM.
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

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, LongAdder> pending = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private volatile RMap<String, Long> requests;
    private volatile RedissonClient requestsClient;
    private ScheduledFuture<?> sending;

    @PostConstruct
    void open() {
        requestsClient = redis.client();
        requests = counters(requestsClient);
        sending = scheduler.scheduleWithFixedDelay(this::sendPending, writeBehindMs, writeBehindMs,
                TimeUnit.MILLISECONDS);
    }

    /** The counters map on {@code client}, whose write-behind task moves the counts to MongoDB. */
    private RMap<String, Long> counters(RedissonClient client) {
        return client.getMap(MapOptions.<String, Long>name(MAP_NAME)
                .codec(new CompositeCodec(StringCodec.INSTANCE, LongCodec.INSTANCE))
                .writer(new UserActivityWriter(mongo))
                .writeMode(WriteMode.WRITE_BEHIND)
                .writeBehindDelay(writeBehindMs)
                .writeBehindBatchSize(500));
    }

    /** The map on the application's current client: a rotated Redis credential brings a new client. */
    private RMap<String, Long> requests() {
        RedissonClient current = redis.client();
        if (requestsClient != current) {
            synchronized (this) {
                if (requestsClient != current) {
                    requests = counters(current);
                    requestsClient = current;
                }
            }
        }
        return requests;
    }

    @PreDestroy
    void stopSending() {
        if (sending != null) {
            sending.cancel(false);
        }
    }

    /**
     * Writes what is queued before the application's beans (MongoDB client included) go away; {@code @PreDestroy}
     * would be too late, as the order in which application-scoped beans are destroyed is not defined.
     */
    void flushOnUndeploy(@Observes @BeforeDestroyed(ApplicationScoped.class) Object undeploying) {
        if (requests != null) {
            sendPending();
            requests.destroy();
        }
    }

    /** Counts one request of this user; returns at once. */
    public void recordRequest(String userId) {
        if (userId != null) {
            pending.computeIfAbsent(userId, id -> new LongAdder()).increment();
        }
    }

    private void recordRequests(String userId, long count) {
        pending.computeIfAbsent(userId, id -> new LongAdder()).add(count);
    }

    /** Adds what this JVM counted since the last call to the Redis counters (which Redisson writes behind). */
    void sendPending() {
        if (!runtime.redisReachable()) {
            return;
        }
        for (Map.Entry<String, LongAdder> user : pending.entrySet()) {
            long delta = user.getValue().sumThenReset();
            if (delta == 0) {
                // Idle user: forget it, keeping a request that raced with the removal.
                if (pending.remove(user.getKey(), user.getValue()) && user.getValue().sum() != 0) {
                    recordRequests(user.getKey(), user.getValue().sumThenReset());
                }
                continue;
            }
            requests().addAndGetAsync(user.getKey(), delta).whenComplete((count, error) -> {
                if (error == null) {
                    failureLogged.set(false);
                    return;
                }
                recordRequests(user.getKey(), delta); // sent again with the next batch
                failures.increment();
                if (failureLogged.compareAndSet(false, true)) {
                    log.warning(() -> "User activity counters not sent to Redis, kept for the next try (further"
                            + " failures are only counted): " + CacheRuntime.describe(error));
                }
            });
        }
    }

    long failures() {
        return failures.sum();
    }
}
