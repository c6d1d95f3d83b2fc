package app.pdeck.monitoring;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.ReadPolicy;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code metrics_history} collection: one snapshot per document, expired by a TTL index on {@code at}. */
@ApplicationScoped
public class MetricsHistoryRepository {

    public static final String COLLECTION = "metrics_history";
    static final String TTL_INDEX = "at_ttl";

    @Inject
    MongoConnection mongo;

    @Inject
    ReadPolicy readPolicy;

    @Inject
    @ConfigProperty(name = "pdeck.metrics-history.retention-days")
    int retentionDays;

    private MongoCollection<Document> history() {
        return mongo.database().getCollection(COLLECTION);
    }

    void ensureIndexes() {
        long ttlSeconds = TimeUnit.DAYS.toSeconds(retentionDays);
        for (Document index : history().listIndexes()) {
            if (TTL_INDEX.equals(index.getString("name"))) {
                Number current = index.get("expireAfterSeconds", Number.class);
                if (current != null && current.longValue() == ttlSeconds) {
                    return;
                }
                history().dropIndex(TTL_INDEX);
            }
        }
        history().createIndex(Indexes.ascending("at"),
                new IndexOptions().name(TTL_INDEX).expireAfter(ttlSeconds, TimeUnit.SECONDS));
    }

    void insert(Document snapshot) {
        history().insertOne(snapshot);
    }

    List<Document> between(Instant from, Instant to, int limit) {
        // for charts: the dashboard read preference (a secondary on a replica set)
        return history().withReadPreference(readPolicy.forUse(ReadPolicy.Use.DASHBOARD))
                .find(Filters.and(Filters.gte("at", Date.from(from)), Filters.lte("at", Date.from(to))))
                .sort(Sorts.ascending("at")).limit(limit).into(new ArrayList<>());
    }
}
