package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
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
        List<Object> candidates = isNaturalDescending(orderBy) ? null : candidates(query);
        if (candidates == null) {
            return matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, candidates, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * Upstream's filter, sort, skip, limit and projection, with each document's sort values read once instead of in
     * every comparison ({@code DocumentComparator} splits each sort path with a regular expression per comparison:
     * 43 % of the server's CPU in the reads). Same values, same comparators, same stable sort: the same order.
     */
    @Override
    protected QueryResult matchDocumentsFromStream(Stream<Document> documentStream, Document query,
                                                   Document orderBy, int numberToSkip, int limit, int batchSize,
                                                   Document fieldSelector) {
        if (orderBy == null || orderBy.isEmpty() || orderBy.keySet().iterator().next().equals("$natural")) {
            return super.matchDocumentsFromStream(documentStream, query, orderBy, numberToSkip, limit, batchSize,
                    fieldSelector);
        }
        List<String> sortKeys = new ArrayList<>(orderBy.keySet());
        ValueComparator[] comparators = new ValueComparator[sortKeys.size()];
        for (int i = 0; i < comparators.length; i++) {
            comparators[i] = ((Number) orderBy.get(sortKeys.get(i))).intValue() > 0 ? ValueComparator.asc()
                    : ValueComparator.desc();
        }
        List<Object[]> decorated = new ArrayList<>();
        documentStream.filter(document -> documentMatchesQuery(document, query)).forEach(document -> {
            Object[] row = new Object[sortKeys.size() + 1];
            for (int i = 0; i < comparators.length; i++) {
                row[i] = Utils.getSubdocumentValueCollectionAware(document, sortKeys.get(i));
            }
            row[comparators.length] = document;
            decorated.add(row);
        });
        decorated.sort((a, b) -> {
            for (int i = 0; i < comparators.length; i++) {
                int cmp = comparators[i].compare(a[i], b[i]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        Stream<Document> sorted = decorated.stream().map(row -> (Document) row[comparators.length]);
        // Already filtered and sorted: the empty query matches every document.
        return super.matchDocumentsFromStream(new Document(), sorted, numberToSkip, limit, batchSize, null,
                fieldSelector);
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
        return super.queryAllAsStream();
    }

    /**
     * The documents that may match {@code query}, read under the collection's lock as upstream's scan is, or
     * {@code null} when no index narrows it.
     */
    synchronized Stream<Document> candidateDocuments(Document query) {
        List<Object> candidates = candidates(query);
        if (candidates == null) {
            return null;
        }
        List<Document> documents = new ArrayList<>(candidates.size());
        for (Object position : candidates) {
            documents.add(getDocument(position));
        }
        return documents.stream();
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
}
