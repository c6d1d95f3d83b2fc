package app.pdeck.integration;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.security.EncryptedValue;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The integration writes Jakarta Data cannot express here: JNoSQL 1.1's {@code save} replaces the whole document
 * (and inserts a missing one), so a change saved from a stale read would write back an access token the key
 * re-encryption job sealed anew meanwhile, or bring back an integration deleted meanwhile. Here a change sets only
 * the fields the user edits, the token only when a new one is given, and only while the integration still has the
 * version the change was read at; it never inserts.
 */
@ApplicationScoped
class IntegrationStore {

    private static final String VERSION = "version";

    @Inject
    MongoConnection mongo;

    /** Writes the edited fields (and a new version) if the integration is still at {@code readVersion}. */
    boolean replaceIfVersion(Integration changed, long readVersion, boolean newAccessToken) {
        Document fields = new Document("type", changed.getType().name())
                .append("displayName", changed.getDisplayName())
                .append("settings", new Document(changed.getSettings()))
                .append("status", changed.getStatus().name())
                .append("lastSyncAt", changed.getLastSyncAt() == null ? null : Date.from(changed.getLastSyncAt()));
        if (newAccessToken) {
            EncryptedValue token = changed.getAccessToken();
            fields.append("accessToken", new Document("keyId", token.getKeyId())
                    .append("ciphertext", token.getCiphertext()));
        }
        return collection().updateOne(
                Filters.and(Filters.eq("_id", changed.getId()), Filters.eq("userId", changed.getUserId()),
                        atVersion(readVersion)),
                Updates.combine(new Document("$set", fields), Updates.inc(VERSION, 1L))).getModifiedCount() == 1;
    }

    boolean delete(String userId, String id) {
        return collection().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)))
                .getDeletedCount() == 1;
    }

    /** Integrations written before versions existed have no {@code version} field: they are at version 0. */
    private static Bson atVersion(long version) {
        return version == 0 ? Filters.or(Filters.eq(VERSION, 0L), Filters.exists(VERSION, false))
                : Filters.eq(VERSION, version);
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection("integrations");
    }
}
