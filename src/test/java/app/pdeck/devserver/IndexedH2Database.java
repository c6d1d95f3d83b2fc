package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with working secondary indexes: a non-unique index becomes a {@link ValueIndex}
 * (upstream's H2 backend creates an empty index that answers nothing), and collections are
 * {@link IndexedH2Collection}s, which use indexes for any conjunct of a query and for an aggregation's leading
 * {@code $match}; unique indexes answer lookups from memory ({@link ResidentUniqueIndex}). Data, index maps and the
 * file layout are upstream's, unchanged.
 */
final class IndexedH2Database extends H2Database {

    /** The leading {@code $match} of the aggregation this thread is running, and the collection it reads. */
    private record LeadingMatch(String namespace, Document query) {
    }

    private static final ThreadLocal<LeadingMatch> LEADING_MATCH = new ThreadLocal<>();

    /**
     * The store of the database being constructed: H2Database's constructor already opens the collections (through
     * {@link #openOrCreateCollection}), before this class's fields are assigned.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore mvStore;

    private IndexedH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, mvStore, cursorRegistry);
        this.mvStore = mvStore;
    }

    static IndexedH2Database open(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        OPENING.set(mvStore);
        try {
            return new IndexedH2Database(databaseName, mvStore, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                       boolean sparse) {
        MongoCollection<Object> collection = resolveOrCreateCollection(collectionName);
        return new ValueIndex(indexName, keys, sparse, ((IndexedH2Collection) collection).naturalOrder());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        MVStore store = mvStore != null ? mvStore : OPENING.get();
        // H2Database's map name for the index, so files stay compatible both ways.
        String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        MVMap<KeyValue, Object> mvMap = store.openMap(mapName);
        return new ResidentUniqueIndex(mvMap, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore store = mvStore != null ? mvStore : OPENING.get();
        String fullCollectionName = getDatabaseName() + "." + collectionName;
        // The map names H2Database uses (DATABASES_PREFIX and META_PREFIX), so files stay compatible both ways.
        MVMap<Object, Document> dataMap = store.openMap("databases." + fullCollectionName);
        MVMap<String, Object> metaMap = store.openMap("meta." + fullCollectionName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry);
    }

    /**
     * Lets an aggregation whose first stage is {@code $match} read only that match's candidates: upstream always
     * reads the whole collection and filters in the {@code $match} stage, which still runs, so the result is the
     * same. A plain count whose match an index answers exactly ({@link ValueIndex#exactPositions}) is answered from
     * the index: in a profile of {@code EmbeddedMongoReadsIT} the counts ({@code $match} over 5,000 candidates, then
     * {@code $group}) were half the reads' CPU.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (!command.equalsIgnoreCase("aggregate") || !(query.get(command) instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
                || !(pipeline.get(0) instanceof Document first) || !(first.get("$match") instanceof Document match)) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        if (isCount(query, pipeline) && resolveCollection(collectionName, false) instanceof IndexedH2Collection c) {
            int count = c.exactCount(match);
            if (count >= 0) {
                return countResponse(c.getFullName(), count);
            }
        }
        LEADING_MATCH.set(new LeadingMatch(getDatabaseName() + "." + collectionName, match));
        try {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        } finally {
            LEADING_MATCH.remove();
        }
    }

    /** The fields of an aggregate command that the count answer below does not depend on. */
    private static final java.util.Set<String> COUNT_FIELDS = java.util.Set.of("aggregate", "pipeline", "cursor",
            "$db", "lsid", "$clusterTime", "$readPreference");

    /**
     * Whether {@code query} is the driver's {@code countDocuments} without skip or limit: exactly
     * {@code [{$match: …}, {$group: {_id: 1, n: {$sum: 1}}}]}, no option that changes matching (collation, hint, …),
     * and a first batch that can hold the one result.
     */
    private static boolean isCount(Document query, List<?> pipeline) {
        if (pipeline.size() != 2 || !COUNT_FIELDS.containsAll(query.keySet())
                || !(query.get("cursor") instanceof Document cursor)) {
            return false;
        }
        Object batchSize = cursor.get("batchSize");
        if (!cursor.keySet().stream().allMatch("batchSize"::equals)
                || (batchSize != null && !(batchSize instanceof Number n && n.longValue() > 0))) {
            return false;
        }
        Document group = new Document("_id", 1);
        group.put("n", new Document("$sum", 1));
        return new Document("$group", group).equals(pipeline.get(1));
    }

    /**
     * What upstream's aggregation answers for that count: one group {@code {_id: 1, n: count}} ({@code $sum} of
     * int 1s is an int), none when nothing matched; the whole answer in the first batch.
     */
    private static Document countResponse(String namespace, int count) {
        List<Document> batch = new java.util.ArrayList<>();
        if (count > 0) {
            Document group = new Document("_id", 1);
            group.put("n", count);
            batch.add(group);
        }
        Document cursor = new Document("id", 0L);
        cursor.put("ns", namespace);
        cursor.put("firstBatch", batch);
        Document response = new Document("cursor", cursor);
        de.bwaldvogel.mongo.backend.Utils.markOkay(response);
        return response;
    }

    /**
     * The leading {@code $match} for {@code collection}'s first read during this thread's aggregation, consumed:
     * only the aggregation's source is narrowed, never a later read of the same collection (a {@code $lookup}).
     */
    static Document takeLeadingMatch(MongoCollection<?> collection) {
        LeadingMatch match = LEADING_MATCH.get();
        if (match == null || !match.namespace().equals(collection.getFullName())) {
            return null;
        }
        LEADING_MATCH.remove();
        return match.query();
    }
}
