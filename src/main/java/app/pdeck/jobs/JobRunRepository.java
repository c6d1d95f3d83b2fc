package app.pdeck.jobs;

import app.pdeck.platform.PageView;
import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code job_runs} collection: one document per run, expired by a TTL index on {@code startedAt}. */
@ApplicationScoped
public class JobRunRepository {

    public static final String COLLECTION = "job_runs";
    static final String TTL_INDEX = "startedAt_ttl";

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    @ConfigProperty(name = "pdeck.jobs.runs.retention-days")
    int retentionDays;

    private MongoCollection<Document> runs() {
        return mongo.database().getCollection(COLLECTION);
    }

    int retentionDays() {
        return retentionDays;
    }

    /** Creates the indexes; a changed retention replaces the TTL index. */
    public void ensureIndexes() {
        long ttlSeconds = TimeUnit.DAYS.toSeconds(retentionDays);
        for (Document index : runs().listIndexes()) {
            if (TTL_INDEX.equals(index.getString("name"))) {
                Number current = index.get("expireAfterSeconds", Number.class);
                if (current != null && current.longValue() == ttlSeconds) {
                    ttlSeconds = -1;
                } else {
                    runs().dropIndex(TTL_INDEX);
                }
            }
        }
        if (ttlSeconds >= 0) {
            runs().createIndex(Indexes.ascending("startedAt"),
                    new IndexOptions().name(TTL_INDEX).expireAfter(ttlSeconds, TimeUnit.SECONDS));
            log.info("job_runs keep runs for " + retentionDays + " days (TTL index)");
        }
        runs().createIndex(Indexes.compoundIndex(Indexes.ascending("job"), Indexes.descending("startedAt")),
                new IndexOptions().name("job_startedAt"));
    }

    void insertRunning(String id, String job, String node, JobTrigger trigger, Instant occurrence,
                       Map<String, String> parameters, Instant startedAt) {
        runs().insertOne(new Document("_id", id)
                .append("job", job)
                .append("node", node)
                .append("trigger", trigger.name())
                .append("occurrence", occurrence == null ? null : Date.from(occurrence))
                .append("status", JobRunStatus.RUNNING.name())
                .append("startedAt", Date.from(startedAt))
                .append("parameters", new Document(new LinkedHashMap<>(parameters))));
    }

    void finish(String id, JobRunStatus status, Instant endedAt, Map<String, Long> counts, long bytes,
                Map<String, String> results, String error) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("status", status.name()),
                Updates.set("endedAt", Date.from(endedAt)),
                Updates.set("counts", new Document(new LinkedHashMap<>(counts))),
                Updates.set("bytes", bytes),
                Updates.set("results", new Document(new LinkedHashMap<>(results)))));
        if (error != null) {
            updates.add(Updates.set("error", error));
        }
        runs().updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    /** Runs this node left RUNNING when it stopped (crash, kill) are failed: they will never finish. */
    long failInterrupted(String node, Instant now) {
        return runs().updateMany(
                Filters.and(Filters.eq("node", node), Filters.eq("status", JobRunStatus.RUNNING.name())),
                Updates.combine(Updates.set("status", JobRunStatus.FAILED.name()),
                        Updates.set("endedAt", Date.from(now)),
                        Updates.set("error", "interrupted: the server stopped while the job ran"))).getModifiedCount();
    }

    public Optional<JobRun> find(String id) {
        return Optional.ofNullable(runs().find(Filters.eq("_id", id)).first()).map(JobRunRepository::toRun);
    }

    /** Page {@code page} (from 1) of the runs, newest first, optionally of one job. */
    public PageView<JobRun> page(String job, int page, int size) {
        Bson filter = job == null ? new Document() : Filters.eq("job", job);
        List<JobRun> items = new ArrayList<>();
        runs().find(filter).sort(Sorts.descending("startedAt")).skip((page - 1) * size).limit(size)
                .forEach(d -> items.add(toRun(d)));
        return new PageView<>(items, page, size, runs().countDocuments(filter));
    }

    /** The newest finished run of {@code job} with {@code status}, if any. */
    public Optional<JobRun> latest(String job, JobRunStatus status) {
        return Optional.ofNullable(runs().find(Filters.and(Filters.eq("job", job), Filters.eq("status", status.name())))
                .sort(Sorts.descending("startedAt")).first()).map(JobRunRepository::toRun);
    }

    static JobRun toRun(Document d) {
        return new JobRun(d.getString("_id"), d.getString("job"), d.getString("node"),
                JobTrigger.valueOf(d.getString("trigger")), instant(d.getDate("occurrence")),
                JobRunStatus.valueOf(d.getString("status")),
                instant(d.getDate("startedAt")), instant(d.getDate("endedAt")),
                longs(d.get("counts", Document.class)),
                d.get("bytes") instanceof Number n ? n.longValue() : 0L,
                strings(d.get("results", Document.class)), strings(d.get("parameters", Document.class)),
                d.getString("error"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static Map<String, Long> longs(Document d) {
        Map<String, Long> map = new LinkedHashMap<>();
        if (d != null) {
            d.forEach((k, v) -> map.put(k, ((Number) v).longValue()));
        }
        return map;
    }

    private static Map<String, String> strings(Document d) {
        Map<String, String> map = new LinkedHashMap<>();
        if (d != null) {
            d.forEach((k, v) -> map.put(k, String.valueOf(v)));
        }
        return map;
    }
}
