package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
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
 * {@code $match}. Data, unique indexes and the file layout are upstream's, unchanged.
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
     * same.
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver databaseResolver,
                                  Oplog oplog) {
        if (!command.equalsIgnoreCase("aggregate") || !(query.get(command) instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
                || !(pipeline.get(0) instanceof Document first) || !(first.get("$match") instanceof Document match)) {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        }
        LEADING_MATCH.set(new LeadingMatch(getDatabaseName() + "." + collectionName, match));
        try {
            return super.handleCommand(channel, command, query, databaseResolver, oplog);
        } finally {
            LEADING_MATCH.remove();
        }
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
