package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, read from memory and with its queries answered through any index that can
 * narrow one part of them. The H2 file stays the durable copy: every write still goes to it, unchanged.
 *
 * <p>Reads come from a resident copy of the documents, loaded from the file when the collection is opened. Upstream
 * reads every document from the MVStore, whose 16 MB page cache holds a fraction of 40,000 tasks: a scan
 * deserialises every page once, and reading one user's documents by position deserialises nearly every page, once
 * per document (measured: with indexes but without this copy, the 416 reads of {@code EmbeddedMongoReadsIT} took a
 * median of 82 s, worse than scanning). The MVMap gets a deep copy of each written document, so a later in-place
 * update of the resident copy never changes an object the store may be serialising in another thread's commit.
 *
 * <p>Upstream asks each index whether it can answer the <em>whole</em> query, and only its unique indexes ever
 * can; so {@code {$and: [{_id: x}, {userId: u}]}} (what driver 5 sends for {@code Filters.and}) and every
 * {@code {userId: u}} scanned the whole collection. Here the query is split into its conjuncts (top-level fields
 * and the members of {@code $and}, recursively), every index is asked about each, and the smallest answer is taken
 * as the candidates; mongo-java-server's matcher then checks each candidate against the whole query, exactly as
 * it checks every document in a scan, so the result is the same documents in the same (the map's) order.
 *
 * <p>Aggregations whose first stage is {@code $match} (the driver's {@code countDocuments}) start from the same
 * candidates instead of the whole collection; see {@link IndexedH2Database}.
 *
 * <p>Reads run concurrently: upstream's {@code AbstractSynchronizedMongoCollection} runs every query on a collection
 * one at a time (a profile of 416 concurrent reads showed the server's four Netty workers queued on that monitor).
 * Here a fair read/write lock replaces it: queries, distinct and counts under the read lock, each with its own
 * matcher (upstream's {@code DefaultQueryMatcher} keeps state between calls); every method that changes the
 * collection or its indexes under the write lock, which is taken before upstream's monitor, so the two locks are
 * always taken in the same order. Fair, so no bulk insert waits behind a stream of reads or other inserts.
 * Resident documents are never changed in place once stored (updates work on copies), so a reader may go on using
 * the documents it got after releasing the lock: upstream's in-place updates could change a page while it was
 * being encoded (IndexedQueriesTest.concurrentReadsNeverSeeHalfAWrite found a page with two versions).
 */
final class IndexedH2Collection extends H2Collection {

    private final Comparator<Object> naturalOrder;
    private final MVMap<Object, Document> dataMap;
    /** The documents by their key in {@link #dataMap}, in its order. */
    private final ConcurrentSkipListMap<Object, Document> resident;
    /**
     * The same documents by key, for lookups without the map's comparator (H2's, slow: 17 % of the server's CPU in
     * the reads); only keys whose equals agrees with that comparator, the rest are looked up in {@link #resident}.
     */
    private final java.util.concurrent.ConcurrentHashMap<Object, Document> byKey =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);

    /** A query and its sort: the key of {@link #sortedMatches}. */
    private record SortedQuery(Document query, Document orderBy) {
    }

    /**
     * Every document matching a query, in its sort order, for sorted queries read since the last write: filled under
     * the read lock, emptied by every write under the write lock, so an entry is always what the query would
     * compute now. Pages of the same list (the same filter and sort, another skip) then cost a sublist instead
     * of matching and ordering the user's tasks again (in the profile, after the changes above, that was most of
     * the server's remaining read CPU). At most {@value #SORTED_QUERIES} lists are kept.
     */
    private final Map<SortedQuery, List<Document>> sortedMatches = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SortedQuery, List<Document>> eldest) {
                    return size() > SORTED_QUERIES;
                }
            });

    private static final int SORTED_QUERIES = 64;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                        CursorRegistry cursorRegistry) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.naturalOrder = dataMap.getKeyType()::compare;
        this.dataMap = dataMap;
        this.resident = new ConcurrentSkipListMap<>(naturalOrder);
        dataMap.forEach(this::putResident);
    }

    private void putResident(Object position, Document document) {
        resident.put(position, document);
        if (hashable(position)) {
            byKey.put(position, document);
        }
    }

    private void removeResident(Object position) {
        resident.remove(position);
        if (hashable(position)) {
            byKey.remove(position);
        }
    }

    private static boolean hashable(Object key) {
        return key instanceof String || key instanceof Integer || key instanceof Long
                || key instanceof de.bwaldvogel.mongo.bson.ObjectId || key instanceof java.util.UUID;
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        // H2Collection's, with a copy for the store.
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField())
                : java.util.UUID.randomUUID();
        Object position = Missing.ofNullable(key);
        Document previous = dataMap.putIfAbsent(position, document.cloneDeeply());
        if (previous != null) {
            throw new IllegalStateException("Document with key '" + key + "' already existed in " + this);
        }
        putResident(position, document);
        return key;
    }

    @Override
    protected Document getDocument(Object position) {
        Object key = Missing.ofNullable(position);
        return hashable(key) ? byKey.get(key) : resident.get(key);
    }

    @Override
    protected void removeDocument(Object position) {
        super.removeDocument(position);
        removeResident(Missing.ofNullable(position));
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        super.handleUpdate(position, oldDocument, newDocument.cloneDeeply());
        putResident(Missing.ofNullable(position), newDocument);
    }

    @Override
    public int count() {
        return resident.size();
    }

    @Override
    public boolean isEmpty() {
        return resident.isEmpty();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return resident.entrySet().stream().map(entry -> new DocumentWithPosition<>(entry.getValue(), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        // H2Collection's scan, over the resident copy.
        Stream<Document> documents = isNaturalDescending(orderBy)
                ? streamAllDocumentsWithPosition()
                        .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                        .map(DocumentWithPosition::getDocument)
                : resident.values().stream();
        return matchDocumentsFromStream(documents, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** The order documents have in the collection's map, which a scan returns them in. */
    Comparator<Object> naturalOrder() {
        return naturalOrder;
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        // {$natural: -1} is a scan backwards; the index path would ignore the direction.
        if (isNaturalDescending(orderBy)) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        boolean sorted = orderBy != null && !orderBy.isEmpty()
                && !orderBy.keySet().iterator().next().equals("$natural");
        if (sorted && !lock.isWriteLockedByCurrentThread()) {
            SortedQuery key = new SortedQuery(query, orderBy);
            List<Document> all = sortedMatches.get(key);
            if (all == null) {
                List<Object> exact = exactMatches(query);
                List<Object> candidates = exact != null ? exact : candidates(query);
                Stream<Document> documents = candidates != null ? candidates.stream().map(this::getDocument)
                        : resident.values().stream();
                all = answer(documents, exact != null, query, orderBy, 0, 0, 0, null).collectDocuments();
                sortedMatches.put(key, all);
            }
            // Already filtered and sorted: the empty query matches every document.
            return super.matchDocumentsFromStream(new Document(), all.stream(), numberToSkip, limit, batchSize, null,
                    fieldSelector);
        }
        List<Object> exact = exactMatches(query);
        if (exact != null) {
            return answer(exact.stream().map(this::getDocument), true, query, orderBy, numberToSkip, limit,
                    batchSize, fieldSelector);
        }
        List<Object> candidates = candidates(query);
        if (candidates == null) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The positions of exactly the documents matching {@code query}, in the collection's order, when an index can
     * prove it ({@link ValueIndex#exactPositions}); else {@code null}.
     */
    List<Object> exactMatches(Document query) {
        for (Index<Object> index : getIndexes()) {
            if (index instanceof ValueIndex valueIndex) {
                List<Object> positions = valueIndex.exactPositions(query);
                if (positions != null) {
                    return positions;
                }
            }
        }
        return null;
    }

    /** How many documents match {@code query}, when an index knows exactly; else {@code -1}. */
    int exactCount(Document query) {
        return read(() -> {
            for (Index<Object> index : getIndexes()) {
                if (index instanceof ValueIndex valueIndex) {
                    int count = valueIndex.exactCount(query);
                    if (count >= 0) {
                        return count;
                    }
                }
            }
            return -1;
        });
    }

    /** See {@link #answer}. */
    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documentStream, Document query,
                                                   Document orderBy, int numberToSkip, int limit, int batchSize,
                                                   Document fieldSelector) {
        return answer(documentStream, false, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Upstream's filter, sort, skip, limit and projection ({@code matchDocumentsFromStream}), with three
     * differences that give the same documents in the same order:
     * <ul>
     * <li>{@code matched}: the documents are known to match (an index proved it), so the matcher is not run;</li>
     * <li>a write gets copies of the documents (copy on write, see below);</li>
     * <li>each document's sort values are read once instead of in every comparison ({@code DocumentComparator}
     * splits each sort path with a regular expression per comparison: 43 % of the server's CPU in the reads), and
     * compared by {@link #compareSortValues};</li>
     * <li>with a limit, only the first {@code skip + limit} in sort order are kept (a bounded heap) and sorted,
     * instead of sorting every match. Upstream's sort is stable, so its order is the sort values, then the order
     * the documents came in; the heap compares exactly that (the arrival number breaks ties), a total order, so
     * its first {@code skip + limit} are upstream's.</li>
     * </ul>
     */
    private QueryResult answer(Stream<Document> documentStream, boolean matched, Document query, Document orderBy,
                               int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        Stream<Document> matches = matched ? documentStream
                : documentStream.filter(document -> documentMatchesQuery(document, query));
        if (lock.isWriteLockedByCurrentThread()) {
            // A write changes the documents it queried in place: give it copies, which handleUpdate then makes the
            // resident ones, so a document a reader already holds (a page being encoded, a cursor, an aggregation
            // running after the read lock) never changes under it.
            matches = matches.map(Document::cloneDeeply);
        }
        if (orderBy == null || orderBy.isEmpty() || orderBy.keySet().iterator().next().equals("$natural")) {
            // Already filtered: the empty query matches every document.
            return super.matchDocumentsFromStream(new Document(), matches, numberToSkip, limit, batchSize, null,
                    fieldSelector);
        }
        List<String> sortKeys = new ArrayList<>(orderBy.keySet());
        int n = sortKeys.size();
        boolean[] ascending = new boolean[n];
        boolean[] topLevel = new boolean[n];
        for (int i = 0; i < n; i++) {
            ascending[i] = ((Number) orderBy.get(sortKeys.get(i))).intValue() > 0;
            // Utils.getSubdocumentValueCollectionAware of a one-part path is the document's own field (or Missing).
            topLevel[i] = !sortKeys.get(i).contains(".") && !sortKeys.get(i).equals("$");
        }
        // row: the sort values, the arrival number, the document
        Comparator<Object[]> order = (a, b) -> {
            for (int i = 0; i < n; i++) {
                int cmp = compareSortValues(a[i], b[i], ascending[i]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return Long.compare((Long) a[n], (Long) b[n]);
        };
        long keep = limit > 0 ? (long) Math.max(numberToSkip, 0) + limit : Long.MAX_VALUE;
        PriorityQueue<Object[]> first = keep < Integer.MAX_VALUE ? new PriorityQueue<>(order.reversed()) : null;
        List<Object[]> rows = new ArrayList<>();
        long[] arrival = {0};
        matches.forEach(document -> {
            Object[] row = new Object[n + 2];
            for (int i = 0; i < n; i++) {
                row[i] = topLevel[i] ? document.getOrMissing(sortKeys.get(i))
                        : Utils.getSubdocumentValueCollectionAware(document, sortKeys.get(i));
            }
            row[n] = arrival[0]++;
            row[n + 1] = document;
            if (first == null) {
                rows.add(row);
            } else if (first.size() < keep) {
                first.add(row);
            } else if (order.compare(row, first.peek()) < 0) {
                first.poll();
                first.add(row);
            }
        });
        if (first != null) {
            rows.addAll(first);
        }
        rows.sort(order);
        Stream<Document> sorted = rows.stream().map(row -> (Document) row[n + 1]);
        // Already filtered and sorted: the empty query matches every document.
        return super.matchDocumentsFromStream(new Document(), sorted, numberToSkip, limit, batchSize, null,
                fieldSelector);
    }

    /**
     * {@code ValueComparator.asc()/desc()}'s answer. Two strings, or two ints/longs/doubles, are compared here as it
     * compares them (same type order; {@code String.compareTo}; numbers through {@code Utils.normalizeNumber}, as
     * longs if either is a long, else {@code Double.compare}), without its type lookup, which walks a list of
     * classes with {@code isAssignableFrom} per value and was 17 % of the server's CPU in the reads; anything
     * else goes to ValueComparator itself.
     */
    static int compareSortValues(Object a, Object b, boolean ascending) {
        int cmp;
        if (a instanceof String x && b instanceof String y) {
            cmp = x.compareTo(y);
        } else if (isPlainNumber(a) && isPlainNumber(b)) {
            Number x = Utils.normalizeNumber((Number) a);
            Number y = Utils.normalizeNumber((Number) b);
            cmp = x instanceof Long || y instanceof Long ? Long.compare(x.longValue(), y.longValue())
                    : Double.compare(x.doubleValue(), y.doubleValue());
        } else {
            return (ascending ? ValueComparator.asc() : ValueComparator.desc()).compare(a, b);
        }
        return ascending ? cmp : -cmp;
    }

    private static boolean isPlainNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Double;
    }

    @Override
    public Stream<Document> queryAllAsStream() {
        Document leadingMatch = IndexedH2Database.takeLeadingMatch(this);
        if (leadingMatch != null) {
            Stream<Document> candidates = candidateDocuments(leadingMatch);
            if (candidates != null) {
                return candidates;
            }
        }
        // MongoCollection's default: handleQuery, under the read lock, materialised as upstream's is.
        return super.queryAllAsStream();
    }

    /**
     * The documents that may match {@code query}, read under the collection's read lock as upstream's scan is
     * under its monitor, or {@code null} when no index narrows it.
     */
    Stream<Document> candidateDocuments(Document query) {
        return read(() -> {
            List<Object> candidates = candidates(query);
            if (candidates == null) {
                return null;
            }
            List<Document> documents = new ArrayList<>(candidates.size());
            for (Object position : candidates) {
                documents.add(getDocument(position));
            }
            return documents.stream();
        });
    }

    /**
     * The positions, in the map's order, of a superset of the documents matching {@code query}: the smallest set
     * an index gives for one of its conjuncts; {@code null} when no index can answer any of them.
     */
    List<Object> candidates(Document query) {
        List<Document> conjuncts = new ArrayList<>();
        collectConjuncts(query, conjuncts);
        List<Object> best = null;
        for (Document conjunct : conjuncts) {
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(conjunct)) {
                    List<Object> positions = new ArrayList<>();
                    index.getPositions(conjunct).forEach(positions::add);
                    if (!(index instanceof ValueIndex)) {
                        // Unique indexes list positions in their key order.
                        positions.sort(naturalOrder);
                    }
                    if (best == null || positions.size() < best.size()) {
                        best = positions;
                    }
                }
            }
        }
        return best;
    }

    /** The query itself, each of its top-level fields alone, and the same for each member of its {@code $and}. */
    private static void collectConjuncts(Document query, List<Document> conjuncts) {
        conjuncts.add(query);
        if (query.size() < 2 && !query.containsKey("$and")) {
            return;
        }
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            if (entry.getKey().equals("$and") && entry.getValue() instanceof Collection<?> members) {
                for (Object member : members) {
                    if (member instanceof Document document) {
                        collectConjuncts(document, conjuncts);
                    }
                }
            } else if (!entry.getKey().startsWith("$") && query.size() > 1) {
                conjuncts.add(new Document(entry.getKey(), entry.getValue()));
            }
        }
    }
    @Override
    protected boolean documentMatchesQuery(Document document, Document query) {
        // A matcher per call: concurrent reads must not share upstream's, which keeps state between calls.
        return new DefaultQueryMatcher().matches(document, query);
    }

    /** AbstractMongoCollection's, under the read lock instead of AbstractSynchronizedMongoCollection's monitor. */
    @Override
    public QueryResult handleQuery(QueryParameters queryParameters) {
        return read(() -> {
            Document querySelector = queryParameters.getQuerySelector();
            Document query;
            Document orderBy;
            if (querySelector.containsKey("query")) {
                query = (Document) querySelector.get("query");
                orderBy = (Document) querySelector.get("orderby");
            } else if (querySelector.containsKey("$query")) {
                query = (Document) querySelector.get("$query");
                orderBy = (Document) querySelector.get("$orderby");
            } else {
                query = querySelector;
                orderBy = null;
            }
            return queryDocuments(query, orderBy, queryParameters.getNumberToSkip(), queryParameters.getLimit(),
                    queryParameters.getBatchSize(), queryParameters.getProjection());
        });
    }

    /** AbstractMongoCollection's, under the read lock instead of AbstractSynchronizedMongoCollection's monitor. */
    @Override
    public Document handleDistinct(Document query) {
        return read(() -> {
            String key = (String) query.get("key");
            Document filter = (Document) query.getOrDefault("query", new Document());
            Set<Object> values = new TreeSet<>(ValueComparator.ascWithoutListHandling());
            for (Document document : queryDocuments(filter, null, 0, 0, 0, null)) {
                Object value = Utils.getSubdocumentValueCollectionAware(document, key);
                if (!(value instanceof Missing)) {
                    if (value instanceof Collection<?> collection) {
                        values.addAll(collection);
                    } else {
                        values.add(value);
                    }
                }
            }
            Document response = new Document("values", values);
            Utils.markOkay(response);
            return response;
        });
    }

    @Override
    public int count(Document query, int skip, int limit) {
        return read(() -> super.count(query, skip, limit));
    }

    @Override
    public void addDocument(Document document) {
        write(() -> super.addDocument(document));
    }

    @Override
    public void addDocuments(Stream<Document> documents) {
        write(() -> super.addDocuments(documents));
    }

    @Override
    public List<Document> insertDocuments(List<Document> documents, boolean isOrdered) {
        return write(() -> super.insertDocuments(documents, isOrdered));
    }

    @Override
    public Document findAndModify(Document query) {
        return write(() -> super.findAndModify(query));
    }

    @Override
    public int deleteDocuments(Document selector, int limit, Oplog oplog) {
        return write(() -> super.deleteDocuments(selector, limit, oplog));
    }

    @Override
    public Document updateDocuments(Document selector, Document updateQuery, ArrayFilters arrayFilters,
                                    boolean isMulti, boolean isUpsert, Oplog oplog) {
        return write(() -> super.updateDocuments(selector, updateQuery, arrayFilters, isMulti, isUpsert, oplog));
    }

    @Override
    public void removeDocument(Document document) {
        write(() -> super.removeDocument(document));
    }

    @Override
    public void renameTo(MongoDatabase newDatabase, String newCollectionName) {
        write(() -> super.renameTo(newDatabase, newCollectionName));
    }

    @Override
    public void addIndex(Index<Object> index) {
        write(() -> super.addIndex(index));
    }

    @Override
    public void dropIndex(String indexName) {
        write(() -> super.dropIndex(indexName));
    }

    @Override
    public void drop() {
        write(() -> super.drop());
    }

    private <T> T read(Supplier<T> action) {
        return locked(lock.readLock(), action);
    }

    private void write(Runnable action) {
        write(() -> {
            action.run();
            return null;
        });
    }

    private <T> T write(Supplier<T> action) {
        return locked(lock.writeLock(), () -> {
            sortedMatches.clear();
            try {
                return action.get();
            } finally {
                sortedMatches.clear();
            }
        });
    }

    private static <T> T locked(Lock held, Supplier<T> action) {
        held.lock();
        try {
            return action.get();
        } finally {
            held.unlock();
        }
    }
}
