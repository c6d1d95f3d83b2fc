package app.pdeck.security;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.redis.RedisConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.bson.Document;
import org.redisson.api.RBatch;
import org.redisson.api.RBuckets;

/**
 * Revoked tokens (logout) and revoked subjects (deleted accounts), shared by every node. MongoDB holds the durable
 * record (a TTL index drops it when the token would have expired anyway); Redis answers the per-request check. If
 * Redis cannot answer, or a revocation could not be written to Redis yet, this node checks MongoDB: a revoked token
 * is never accepted because Redis is or was down. Revocations missing from Redis are copied there when it returns.
 */
@ApplicationScoped
public class RevokedTokens {

    private static final String COLLECTION = "revoked_tokens";
    private static final String KEY_PREFIX = "pdeck:revoked:";

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    RedisConnection redis;

    private final Map<String, Instant> notYetInRedis = new ConcurrentHashMap<>();

    @PostConstruct
    void ensureExpiryIndex() {
        collection().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    public void revokeToken(String jti, Instant expiresAt) {
        record("jti:" + jti, expiresAt);
    }

    /** Every token of this subject issued so far stops working (account deletion). */
    public void revokeSubject(String userId, Instant until) {
        record("sub:" + userId, until);
    }

    public boolean isRevoked(String jti, String subject) {
        List<String> ids = List.of("jti:" + jti, "sub:" + subject);
        if (!notYetInRedis.isEmpty() && !copyPendingToRedis()) {
            return collection().countDocuments(Filters.in("_id", ids)) > 0;
        }
        try {
            RBuckets buckets = redis.client().getBuckets();
            Map<String, Object> found = buckets.get(ids.stream().map(id -> KEY_PREFIX + id).toArray(String[]::new));
            return !found.isEmpty();
        } catch (RuntimeException redisUnavailable) {
            return collection().countDocuments(Filters.in("_id", ids)) > 0;
        }
    }

    private void record(String id, Instant expiresAt) {
        collection().replaceOne(Filters.eq("_id", id), new Document("_id", id).append("expiresAt", Date.from(expiresAt)),
                new ReplaceOptions().upsert(true));
        notYetInRedis.put(id, expiresAt);
        if (!copyPendingToRedis()) {
            log.log(Level.WARNING, "Redis unavailable while recording a revocation; MongoDB holds it and this node "
                    + "checks MongoDB until Redis has it");
        }
    }

    /** Copies revocations that only MongoDB has into Redis; true when none is left behind. */
    private synchronized boolean copyPendingToRedis() {
        if (notYetInRedis.isEmpty()) {
            return true;
        }
        try {
            RBatch batch = redis.client().createBatch();
            Instant now = Instant.now();
            notYetInRedis.forEach((id, expiresAt) -> {
                Duration ttl = Duration.between(now, expiresAt);
                if (!ttl.isNegative() && !ttl.isZero()) {
                    batch.getBucket(KEY_PREFIX + id).setAsync(Boolean.TRUE, ttl);
                }
            });
            batch.execute();
            notYetInRedis.clear();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection(COLLECTION);
    }
}
