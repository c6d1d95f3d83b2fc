package app.pdeck.monitoring;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.mongo.ReadPolicy;
import app.pdeck.platform.problem.ApiException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Reads the database's state for the admin API: {@code buildInfo} and the driver's cluster description for the
 * status, {@code collStats}/{@code dbStats}/{@code listIndexes} for the collections. Works on real MongoDB and on
 * the embedded mongo-java-server, whose {@code collStats} has no storage or index sizes in bytes: those are null.
 */
@ApplicationScoped
public class DatabaseStatusService {

    static final String EMBEDDED_SIZES_NOTE = "storageSize and index sizes are not reported by this server "
            + "(mongo-java-server answers collStats with storageSize 0 and index entry counts instead of bytes): "
            + "they are null; dataSize and avgObjSize are real";

    @Inject
    MongoConnection mongo;

    @Inject
    ReadPolicy readPolicy;

    @Inject
    MongoCommandMetrics commands;

    @Inject
    MongoPoolMetrics pool;

    public DatabaseStatus status() {
        Instant now = Instant.now();
        String version = null;
        DatabaseStatus.LastError checkError = null;
        try {
            version = mongo.database().runCommand(new Document("buildInfo", 1)).getString("version");
        } catch (MongoException e) {
            checkError = new DatabaseStatus.LastError(now, "status check", MongoCommandMetrics.describe(e));
        }
        ClusterDescription cluster = mongo.client().getClusterDescription();
        List<DatabaseStatus.Server> servers = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (ServerDescription server : cluster.getServerDescriptions()) {
            hosts.add(server.getAddress().toString());
            servers.add(new DatabaseStatus.Server(server.getAddress().toString(), server.getState().name(),
                    server.getType().name(),
                    server.getRoundTripTimeNanos() > 0 ? server.getRoundTripTimeNanos() / 1_000_000.0 : null,
                    server.isOk() ? server.getMaxWireVersion() : null,
                    server.getException() == null ? null : MongoCommandMetrics.describe(server.getException())));
        }
        if (cluster.getClusterSettings() != null) {
            cluster.getClusterSettings().getHosts().stream().map(ServerAddress::toString).forEach(hosts::add);
        }
        MongoPoolMetrics.PoolTotals totals = pool.totals();
        DatabaseStatus.LastError lastError = checkError;
        if (lastError == null) {
            lastError = commands.lastFailure()
                    .map(f -> new DatabaseStatus.LastError(f.at(), "command " + f.command(), f.error())).orElse(null);
        }
        return new DatabaseStatus(version != null, mongo.databaseName(), List.copyOf(hosts), version,
                new DatabaseStatus.Topology(cluster.getType().name(), cluster.getConnectionMode().name(), servers),
                new DatabaseStatus.Pool(totals.size(), totals.inUse(), totals.idle(), totals.waitQueue(),
                        totals.maxSize()),
                lastError, now);
    }

    public CollectionsReport collections() {
        try {
            // sizes may be a little old: the dashboard read preference (a secondary on a replica set)
            return readCollections(mongo.database().withReadPreference(readPolicy.forUse(ReadPolicy.Use.DASHBOARD)));
        } catch (MongoException e) {
            throw ApiException.unavailable("MongoDB did not answer: " + MongoCommandMetrics.describe(e));
        }
    }

    private CollectionsReport readCollections(MongoDatabase database) {
        List<String> notes = new ArrayList<>();
        List<CollectionsReport.Collection> collections = new ArrayList<>();
        List<String> names = database.listCollectionNames().into(new ArrayList<>());
        names.sort(String::compareTo);
        boolean embeddedShape = false;
        for (String name : names) {
            if (name.startsWith("system.")) {
                continue;
            }
            Map<String, Long> indexSizes = Map.of();
            Document stats;
            try {
                stats = database.runCommand(new Document("collStats", name), database.getReadPreference());
            } catch (MongoCommandException e) {
                notes.add("collStats failed for " + name + " (" + MongoCommandMetrics.describe(e)
                        + "): only its document count (estimated) is shown");
                collections.add(new CollectionsReport.Collection(name,
                        database.getCollection(name).estimatedDocumentCount(), null, null, null, null,
                        indexes(database, name, indexSizes)));
                continue;
            }
            Long storageSize;
            Long totalIndexSize;
            if (stats.get("indexSizes") instanceof Document sizes) {
                indexSizes = longs(sizes);
                storageSize = number(stats, "storageSize");
                totalIndexSize = number(stats, "totalIndexSize");
            } else {
                // mongo-java-server: "indexSize" holds entry counts per index, storageSize is always 0
                embeddedShape = true;
                storageSize = null;
                totalIndexSize = null;
            }
            Long documents = number(stats, "count");
            collections.add(new CollectionsReport.Collection(name, documents == null ? 0 : documents,
                    number(stats, "size"), storageSize, number(stats, "avgObjSize"), totalIndexSize,
                    indexes(database, name, indexSizes)));
        }
        if (embeddedShape) {
            notes.add(EMBEDDED_SIZES_NOTE);
        }
        return new CollectionsReport(mongo.databaseName(), collections, totals(database, embeddedShape, notes),
                notes, Instant.now());
    }

    private static CollectionsReport.Totals totals(MongoDatabase database, boolean embeddedShape, List<String> notes) {
        try {
            Document stats = database.runCommand(new Document("dbStats", 1), database.getReadPreference());
            // The embedded server's dbStats indexSize adds up index entry counts, not bytes.
            return new CollectionsReport.Totals(number(stats, "collections"), number(stats, "objects"),
                    number(stats, "dataSize"), number(stats, "storageSize"),
                    embeddedShape ? null : number(stats, "indexSize"));
        } catch (MongoCommandException e) {
            notes.add("dbStats failed (" + MongoCommandMetrics.describe(e) + "): no database totals");
            return null;
        }
    }

    private static List<CollectionsReport.Index> indexes(MongoDatabase database, String collection,
                                                         Map<String, Long> sizes) {
        List<CollectionsReport.Index> indexes = new ArrayList<>();
        for (Document index : database.getCollection(collection).listIndexes().maxTime(5, TimeUnit.SECONDS)) {
            String name = index.getString("name");
            Map<String, Object> key = new LinkedHashMap<>();
            Document keyDocument = index.get("key", Document.class);
            if (keyDocument != null) {
                keyDocument.forEach((field, direction) -> key.put(field,
                        direction instanceof Number n ? (Object) n.intValue() : String.valueOf(direction)));
            }
            indexes.add(new CollectionsReport.Index(name, key, Boolean.TRUE.equals(index.getBoolean("unique")),
                    sizes.get(name)));
        }
        return indexes;
    }

    private static Map<String, Long> longs(Document document) {
        Map<String, Long> values = new LinkedHashMap<>();
        document.forEach((k, v) -> {
            if (v instanceof Number n) {
                values.put(k, n.longValue());
            }
        });
        return values;
    }

    private static Long number(Document document, String field) {
        return document.get(field) instanceof Number n ? n.longValue() : null;
    }
}
