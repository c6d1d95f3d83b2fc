package app.pdeck.jobs;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * The {@code job_occurrences} collection: one document per scheduled occurrence of a job that some node claimed,
 * keyed by job and scheduled time ({@code _id} {@code backup@2026-11-25T02:00:00Z}), so the unique {@code _id}
 * lets exactly one claim of an occurrence succeed in the whole cluster, for as long as the record is kept. Manual
 * runs are not occurrences and never appear here.
 *
 * <p>Plain Java (no CDI), so tests can race two independent clients on it.
 */
public final class OccurrenceLedger {

    public static final String COLLECTION = "job_occurrences";
    static final String TTL_INDEX = "claimedAt_ttl";

    private final MongoCollection<Document> occurrences;
    private final Clock clock;

    public OccurrenceLedger(MongoCollection<Document> occurrences, Clock clock) {
        this.occurrences = occurrences;
        this.clock = clock;
    }

    static String key(String job, Instant occurrence) {
        return job + "@" + occurrence;
    }

    /**
     * Claims the occurrence for {@code runId}; {@code false} when it was already claimed — by another node, or by
     * a timer of this node that fired earlier — whatever became of that run.
     */
    public boolean claim(String job, Instant occurrence, String runId, String node) {
        try {
            occurrences.insertOne(new Document("_id", key(job, occurrence))
                    .append("job", job)
                    .append("occurrence", Date.from(occurrence))
                    .append("runId", runId)
                    .append("node", node)
                    .append("claimedAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Records how the claimed occurrence ended (the claim stays: the occurrence is done either way). */
    public void finished(String job, Instant occurrence, String runId, JobRunStatus status) {
        occurrences.updateOne(Filters.and(Filters.eq("_id", key(job, occurrence)), Filters.eq("runId", runId)),
                Updates.combine(Updates.set("status", status.name()), Updates.set("endedAt", Date.from(clock.instant()))));
    }

    /**
     * Claims are kept {@code retention} (a TTL index on {@code claimedAt}), far longer than any timer can be late
     * or replayed; a changed retention replaces the index.
     */
    public void ensureIndexes(Duration retention) {
        long seconds = retention.toSeconds();
        for (Document index : occurrences.listIndexes()) {
            if (TTL_INDEX.equals(index.getString("name"))) {
                Number current = index.get("expireAfterSeconds", Number.class);
                if (current != null && current.longValue() == seconds) {
                    return;
                }
                occurrences.dropIndex(TTL_INDEX);
            }
        }
        occurrences.createIndex(Indexes.ascending("claimedAt"),
                new IndexOptions().name(TTL_INDEX).expireAfter(seconds, TimeUnit.SECONDS));
    }
}
