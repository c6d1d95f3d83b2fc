package app.pdeck.security;

import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The durable record of revocations ({@code revoked_tokens}), the source of truth Redis is loaded from: a logged-out
 * token ({@code _id: "jti:<jti>"}) and an account-wide watermark ({@code _id: "sub:<userId>"}, {@code validAfter}:
 * every token of the account issued before it is refused: deletion, role change, password change). Each document
 * names its {@code userId}, so one user's state loads in one query, and expires with the tokens it refuses (TTL
 * index on {@code expiresAt}).
 */
@ApplicationScoped
class RevocationStore {

    static final String COLLECTION = "revoked_tokens";

    /** One user's revocations as they apply now. */
    record UserRevocations(long validAfterMillis, Set<String> tokenIds) {
    }

    @Inject
    MongoConnection mongo;

    @PostConstruct
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        collection().createIndex(Indexes.ascending("userId"));
    }

    void recordToken(String userId, String tokenId, Instant expiresAt) {
        collection().replaceOne(Filters.eq("_id", "jti:" + tokenId), new Document("_id", "jti:" + tokenId)
                .append("userId", userId).append("expiresAt", Date.from(expiresAt)), new ReplaceOptions().upsert(true));
    }

    /** Tokens of this account issued before {@code validAfter} are refused until {@code expiresAt}. */
    void recordIssuedBefore(String userId, Instant validAfter, Instant expiresAt) {
        collection().updateOne(Filters.eq("_id", "sub:" + userId), Updates.combine(
                        Updates.set("userId", userId),
                        Updates.max("validAfter", Date.from(validAfter)),
                        Updates.max("expiresAt", Date.from(expiresAt))),
                new UpdateOptions().upsert(true));
    }

    /**
     * Everything revoked for this user that has not expired. Documents written before revocations named their user
     * are found by id: the account-wide one always, a logged-out token only when it is {@code tokenId}.
     */
    UserRevocations stateOf(String userId, String tokenId) {
        long validAfter = 0;
        Set<String> tokenIds = new HashSet<>();
        Date now = new Date();
        for (Document d : collection().find(Filters.and(Filters.gt("expiresAt", now), Filters.or(
                Filters.eq("userId", userId), Filters.in("_id", List.of("sub:" + userId, "jti:" + tokenId)))))) {
            String id = d.getString("_id");
            if (id.startsWith("jti:")) {
                tokenIds.add(id.substring(4));
            } else if (id.startsWith("sub:")) {
                validAfter = Math.max(validAfter, validAfterOf(d));
            }
        }
        return new UserRevocations(validAfter, tokenIds);
    }

    /** The durable answer, for when Redis cannot give it. */
    boolean isRevoked(Caller caller) {
        for (Document d : collection().find(Filters.and(Filters.gt("expiresAt", new Date()),
                Filters.in("_id", List.of("jti:" + caller.tokenId(), "sub:" + caller.userId()))))) {
            if (d.getString("_id").startsWith("jti:") || caller.issuedAtMillis() < validAfterOf(d)) {
                return true;
            }
        }
        return false;
    }

    /** An account-wide document of an earlier version has no watermark: it refused every token until it expired. */
    private static long validAfterOf(Document accountWide) {
        Date validAfter = accountWide.getDate("validAfter");
        return (validAfter != null ? validAfter : accountWide.getDate("expiresAt")).getTime();
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection(COLLECTION);
    }
}
