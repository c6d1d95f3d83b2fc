package app.pdeck.monitoring;

import app.pdeck.platform.NodeName;
import app.pdeck.backup.BackupService;
import app.pdeck.backup.BackupSummary;
import app.pdeck.jobs.Job;
import app.pdeck.jobs.JobContext;
import app.pdeck.jobs.JobRun;
import app.pdeck.jobs.JobRunRepository;
import app.pdeck.jobs.JobRunner;
import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.redis.RedisConnection;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.Map;
import org.bson.Document;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * Every few minutes: per-collection counts and sizes ({@code collStats}; the {@code $collStats} stage is not
 * available everywhere), database totals ({@code dbStats}), the newest backup and the last run of each job, stored as
 * one {@code metrics_history} document.
 */
@ApplicationScoped
public class MetricsHistoryJob implements Job {

    private static final List<String> DB_FIELDS = List.of("collections", "objects", "dataSize", "storageSize",
            "indexes", "indexSize");
    private static final List<String> COLLECTION_FIELDS = List.of("count", "size", "storageSize", "totalIndexSize",
            "avgObjSize", "nindexes");

    @Inject
    Logger log;

    @Inject
    MongoConnection mongo;

    @Inject
    MetricsHistoryRepository history;

    @Inject
    JobRunRepository runs;

    @Inject
    JobRunner runner;

    @Inject
    BackupService backups;

    @Inject
    RedisConnection redis;

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public void run(JobContext context) {
        history.ensureIndexes();
        Document snapshot = snapshot(Instant.now());
        history.insert(snapshot);
        context.count("collections", snapshot.get("collections", Document.class).size());
        context.result("snapshotId", snapshot.getString("_id"));
    }

    Document snapshot(Instant at) {
        MongoDatabase database = mongo.database();
        Document dbStats = database.runCommand(new Document("dbStats", 1));
        Document collections = new Document();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith("system.")) {
                continue;
            }
            try {
                collections.append(name, numbers(database.runCommand(new Document("collStats", name)),
                        COLLECTION_FIELDS));
            } catch (MongoCommandException e) {
                log.fine("collStats " + name + " failed: " + e.getErrorMessage());
            }
        }
        Document jobs = new Document();
        for (Job job : runner.all()) {
            List<JobRun> last = runs.page(job.name(), 1, 1).items();
            if (!last.isEmpty()) {
                JobRun run = last.get(0);
                Document stats = new Document("lastStatus", run.status().name())
                        .append("lastStartedAt", Date.from(run.startedAt()));
                if (run.endedAt() != null) {
                    stats.append("lastDurationMs", Duration.between(run.startedAt(), run.endedAt()).toMillis());
                }
                jobs.append(job.name(), stats);
            }
        }
        Document backup = new Document();
        try {
            List<BackupSummary> all = backups.list();
            backup.append("count", all.size());
            if (!all.isEmpty()) {
                BackupSummary newest = all.get(0);
                backup.append("lastId", newest.id()).append("lastCreatedAt", Date.from(newest.createdAt()))
                        .append("lastDocuments", newest.documents()).append("lastSizeOnDisk", newest.sizeOnDisk())
                        .append("ageSeconds", Duration.between(newest.createdAt(), at).toSeconds());
            }
        } catch (RuntimeException e) {
            backup.append("error", e.getMessage());
        }
        return new Document("_id", UUID.randomUUID().toString())
                .append("at", Date.from(at))
                .append("node", NodeName.current())
                .append("database", numbers(dbStats, DB_FIELDS))
                .append("collections", collections)
                .append("backup", backup)
                .append("cache", cacheStats())
                .append("jobs", jobs);
    }

    /** Redis-wide cache figures (hits, misses, memory); a Redis outage is recorded, not fatal. */
    private Document cacheStats() {
        try {
            RedisNode node = redis.client().getRedisNodes(RedisNodes.SINGLE).getInstance();
            Map<String, String> stats = node.info(RedisNode.InfoSection.STATS);
            Map<String, String> memory = node.info(RedisNode.InfoSection.MEMORY);
            long hits = parse(stats.get("keyspace_hits"));
            long misses = parse(stats.get("keyspace_misses"));
            return new Document("hits", hits).append("misses", misses)
                    .append("hitRatio", hits + misses == 0 ? 0.0 : (double) hits / (hits + misses))
                    .append("evictedKeys", parse(stats.get("evicted_keys")))
                    .append("usedMemory", parse(memory.get("used_memory")));
        } catch (RuntimeException e) {
            return new Document("error", "Redis unavailable: " + e.getClass().getSimpleName());
        }
    }

    private static long parse(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Document numbers(Document source, List<String> fields) {
        Document result = new Document();
        for (String field : fields) {
            if (source.get(field) instanceof Number n) {
                result.append(field, n instanceof Double || n instanceof Float ? (Object) n.doubleValue()
                        : (Object) n.longValue());
            }
        }
        return result;
    }
}
