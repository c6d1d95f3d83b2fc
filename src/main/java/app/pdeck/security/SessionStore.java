package app.pdeck.security;

import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Sign-in sessions ({@code sessions}): {@code _id} (session id), {@code userId}, {@code refreshHash} (SHA-256 of the
 * current refresh token's secret; the token itself is never stored), {@code usedHashes} (those of the refresh tokens
 * it replaced, to recognise a reuse), {@code tokens} ({@code {jti, expiresAt}} of the access tokens issued to it,
 * to revoke them when it ends), {@code createdAt}, {@code lastUsedAt}, {@code expiresAt} (TTL index),
 * {@code endedAt} and {@code endReason}. The rotation is one conditional update, so of two refreshes with the same
 * token exactly one wins. Raw driver code because these conditional updates with {@code $push}/{@code $pull} cannot
 * be expressed with JNoSQL 1.1's repositories.
 */
@ApplicationScoped
class SessionStore {

    static final String COLLECTION = Sessions.COLLECTION;

    @Inject
    MongoConnection mongo;

    @PostConstruct
    void ensureIndexes() {
        collection().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        collection().createIndex(Indexes.ascending("userId"));
    }

    void insert(Document session) {
        collection().insertOne(session);
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first());
    }

    /**
     * Replaces the refresh token {@code usedHash} by {@code newHash} if it is the session's current one and the
     * session is live; the session as it was before, or empty when the token is not (or no longer) current.
     */
    Optional<Document> rotate(String id, String usedHash, String newHash, Date now) {
        return Optional.ofNullable(collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("refreshHash", usedHash), Filters.eq("endedAt", null),
                        Filters.gt("expiresAt", now)),
                Updates.combine(Updates.set("refreshHash", newHash), Updates.set("lastUsedAt", now),
                        Updates.push("usedHashes", usedHash)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
    }

    /** Records an access token issued to a live session; false if the session ended meanwhile. */
    boolean addToken(String id, String tokenId, Date expiresAt) {
        return collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("endedAt", null)),
                Updates.push("tokens", new Document("jti", tokenId).append("expiresAt", expiresAt)))
                .getModifiedCount() == 1;
    }

    /** Drops the records of access tokens that have expired (they need no revocation any more). */
    void forgetExpiredTokens(String id, Date now) {
        collection().updateOne(Filters.eq("_id", id),
                Updates.pull("tokens", new Document("expiresAt", new Document("$lte", now))));
    }

    /** Ends a live session; the session as it was, or empty if it had already ended (or never existed). */
    Optional<Document> end(String id, String reason, Date now) {
        return Optional.ofNullable(collection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("endedAt", null)),
                Updates.combine(Updates.set("endedAt", now), Updates.set("endReason", reason)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)));
    }

    /** The user's live sessions, newest first. */
    List<Document> live(String userId, Date now) {
        return collection().find(Filters.and(Filters.eq("userId", userId), Filters.eq("endedAt", null),
                        Filters.gt("expiresAt", now)))
                .sort(Sorts.descending("createdAt", "_id")).into(new ArrayList<>());
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection(COLLECTION);
    }
}
