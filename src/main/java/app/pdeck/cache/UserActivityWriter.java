package app.pdeck.cache;

import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.redisson.api.map.MapWriter;

/**
 * Writes batches of request counters to {@code user_activity}: {@code _id} (user id), {@code requests} (total, never
 * lowered, so batches from several nodes may arrive in any order) and {@code lastSeenAt} (time of the batch, at most
 * the write-behind delay after the request). Counters of accounts that are gone or being deleted are dropped: an
 * upsert would bring back the activity the deletion removed. (Left open: a batch that read the account as live just
 * before it was marked, and whose write lands after the whole deletion finished, still writes one document.)
 */
final class UserActivityWriter implements MapWriter<String, Long> {

    static final String COLLECTION = "user_activity";

    private final MongoConnection mongo;

    UserActivityWriter(MongoConnection mongo) {
        this.mongo = mongo;
    }

    @Override
    public void write(Map<String, Long> counters) {
        Date now = new Date();
        Set<String> live = mongo.database().getCollection("users")
                .find(Filters.and(Filters.in("_id", counters.keySet()), Filters.eq("deletedAt", null)))
                .projection(Projections.include("_id")).map(d -> d.getString("_id")).into(new HashSet<>());
        List<WriteModel<Document>> updates = new ArrayList<>();
        // Values arrive through Redisson's task queue and may be Integer at run time despite the declared Long.
        for (Map.Entry<String, ?> counter : ((Map<String, ?>) (Map<?, ?>) counters).entrySet()) {
            if (!live.contains(counter.getKey())) {
                continue;
            }
            long requests = ((Number) counter.getValue()).longValue();
            updates.add(new UpdateOneModel<>(Filters.eq("_id", counter.getKey()),
                    Updates.combine(Updates.max("requests", requests), Updates.set("lastSeenAt", now)),
                    new UpdateOptions().upsert(true)));
        }
        if (!updates.isEmpty()) {
            mongo.database().getCollection(COLLECTION).bulkWrite(updates);
        }
    }

    @Override
    public void delete(Collection<String> userIds) {
        mongo.database().getCollection(COLLECTION).deleteMany(Filters.in("_id", userIds));
    }
}
