package app.pdeck.security.keys;

import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Where values encrypted with {@link app.pdeck.security.FieldEncryption} live, and how many use each key:
 * integration access tokens ({@code integrations.accessToken.keyId}) and encrypted backups (the manifest's key id).
 */
@ApplicationScoped
public class EncryptedStores {

    static final String INTEGRATIONS = "integrations";
    static final String KEY_FIELD = "accessToken.keyId";

    @Inject
    MongoConnection mongo;

    @Inject
    EncryptedBackups backups;

    /** Key id → number of stored values sealed with it. */
    public Map<String, Long> valuesPerKey() {
        Map<String, Long> counts = new TreeMap<>();
        for (Document group : mongo.database().getCollection(INTEGRATIONS).aggregate(List.of(
                Aggregates.match(Filters.exists(KEY_FIELD)),
                Aggregates.group("$" + KEY_FIELD, Accumulators.sum("count", 1))))) {
            counts.merge(String.valueOf(group.get("_id")), ((Number) group.get("count")).longValue(), Long::sum);
        }
        return counts;
    }

    /** Key id → number of backups encrypted with it. */
    public Map<String, Long> backupsPerKey() {
        return backups.backupsPerKey();
    }
}
