package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A non-unique index for mongo-java-server's H2 backend, which has none of its own: for the index's first field,
 * the positions (the {@code _id}s) of the documents holding each value, in memory, rebuilt from the data each time
 * the server opens the collection.
 *
 * <p>It only proposes candidates: {@link IndexedH2Collection} still runs mongo-java-server's matcher on every
 * candidate against the whole query, so the index may propose too many documents but must never leave one out.
 * Hence its keys are coarser than the matcher's equality ({@code Utils.nullAwareEquals}): every number is keyed
 * by its double value, each element of an array is keyed (nested arrays too), and a document whose value is of any
 * other type (embedded documents, binaries, regular expressions, …) is proposed for every query. Only equality on a
 * top-level field with a string, number, boolean, date, ObjectId or UUID ({@code {f: v}}, {@code {f: {$eq: v}}},
 * {@code {f: {$in: [v, …]}}}) is answered; anything else ({@code null}, ranges, regular expressions, dotted
 * paths) is left to the collection scan, as before.
 */
final class ValueIndex extends Index<Object> {

    private static final String ID_FIELD = "_id";
    private static final Object ANY = new Object();

    /** The first key if it is a top-level field, else {@code null}: then the index never answers a query. */
    private final String field;
    private final Comparator<Object> naturalOrder;
    private final Map<Object, NavigableSet<Object>> positionsByKey = new HashMap<>();
    /** Positions whose value the keys cannot represent: proposed for every query. */
    private final NavigableSet<Object> unkeyed;
    private final Map<Object, Set<Object>> keysByPosition = new HashMap<>();
    /** Positions whose value is an array, each of whose keys may then match a query in ways a scalar cannot. */
    private final Set<Object> arrayPositions = new HashSet<>();
    /** For each key, how many positions got it from inside an array. */
    private final Map<Object, Integer> arrayKeyed = new HashMap<>();

    /**
     * @param naturalOrder the order of positions in the collection's own map, so that a query answered through
     *                     the index returns its documents in the order a scan would
     */
    ValueIndex(String name, List<IndexKey> keys, boolean sparse, Comparator<Object> naturalOrder) {
        super(name, keys, sparse);
        String first = keys.get(0).getKey();
        this.field = first.contains(".") || first.startsWith("$") ? null : first;
        this.naturalOrder = naturalOrder;
        this.unkeyed = new TreeSet<>(naturalOrder);
    }

    @Override
    public boolean canHandle(Document query) {
        return field != null && query.size() == 1 && query.containsKey(field) && queriedKeys(query.get(field)) != null;
    }

    @Override
    public synchronized Iterable<Object> getPositions(Document query) {
        List<Object> keys = queriedKeys(query.get(field));
        if (keys == null) {
            throw new IllegalArgumentException(getName() + " cannot answer " + query);
        }
        if (keys.size() == 1 && unkeyed.isEmpty()) {
            return List.copyOf(positionsByKey.getOrDefault(keys.get(0), new TreeSet<>()));
        }
        NavigableSet<Object> positions = new TreeSet<>(naturalOrder);
        positions.addAll(unkeyed);
        for (Object key : keys) {
            positions.addAll(positionsByKey.getOrDefault(key, new TreeSet<>()));
        }
        return List.copyOf(positions);
    }

    /**
     * The positions, in the collection's order, of exactly the documents matching {@code query}, or {@code null}
     * when that cannot be proved from the index alone. Proved only for {@code {f: "s"}} and {@code {f: {$eq: "s"}}}
     * with a string {@code s}, no document whose value the index does not key, and no document holding {@code s}
     * inside an array: then every document keyed {@code s} has exactly the string {@code s} in {@code f} (only a
     * string is keyed by a string), which the matcher's equality accepts, and every other document has a missing,
     * null or other value, which it refuses.
     */
    synchronized List<Object> exactPositions(Document query) {
        NavigableSet<Object> positions = exactSet(query);
        return positions == null ? null : List.copyOf(positions);
    }

    /** How many documents {@link #exactPositions} would give, or {@code -1} for {@code null}. */
    synchronized int exactCount(Document query) {
        NavigableSet<Object> positions = exactSet(query);
        return positions == null ? -1 : positions.size();
    }

    private NavigableSet<Object> exactSet(Document query) {
        if (field == null || query.size() != 1 || !query.containsKey(field)) {
            return null;
        }
        Object value = query.get(field);
        if (value instanceof Document condition) {
            if (condition.size() != 1 || !condition.containsKey("$eq")) {
                return null;
            }
            value = condition.get("$eq");
        }
        if (!(value instanceof String) || !unkeyed.isEmpty() || arrayKeyed.containsKey(value)) {
            return null;
        }
        NavigableSet<Object> positions = positionsByKey.get(value);
        return positions == null ? new TreeSet<>() : positions;
    }

    @Override
    public Object getPosition(Document document) {
        // Not unique: a value names no single document. The _id index answers this.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Not unique: nothing to refuse.
    }

    @Override
    public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
        if (field == null) {
            keysByPosition.put(position, Set.of());
            return;
        }
        Set<Object> keys = new HashSet<>();
        Object value = document.get(field);
        collectKeys(value, keys);
        keysByPosition.put(position, keys);
        if (value instanceof Collection<?>) {
            arrayPositions.add(position);
            keys.forEach(key -> arrayKeyed.merge(key, 1, Integer::sum));
        }
        for (Object key : keys) {
            (key == ANY ? unkeyed : positionsByKey.computeIfAbsent(key, k -> new TreeSet<>(naturalOrder))).add(position);
        }
    }

    @Override
    public synchronized Object remove(Document document) {
        Object position = document.get(ID_FIELD);
        Set<Object> keys = keysByPosition.remove(position);
        if (keys == null) {
            return null;
        }
        if (arrayPositions.remove(position)) {
            keys.forEach(key -> arrayKeyed.computeIfPresent(key, (k, n) -> n == 1 ? null : n - 1));
        }
        for (Object key : keys) {
            if (key == ANY) {
                unkeyed.remove(position);
            } else {
                NavigableSet<Object> positions = positionsByKey.get(key);
                positions.remove(position);
                if (positions.isEmpty()) {
                    positionsByKey.remove(key);
                }
            }
        }
        return position;
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, Object position,
                                           MongoCollection<Object> collection) {
        remove(oldDocument);
        add(newDocument, position, collection);
    }

    @Override
    public synchronized long getCount() {
        return keysByPosition.size();
    }

    @Override
    public long getDataSize() {
        // Held in memory, not in the data file.
        return 0;
    }

    @Override
    public synchronized void drop() {
        positionsByKey.clear();
        unkeyed.clear();
        keysByPosition.clear();
        arrayPositions.clear();
        arrayKeyed.clear();
    }

    /** The keys a query value asks for, or {@code null} when the index cannot answer it. */
    private static List<Object> queriedKeys(Object value) {
        if (value instanceof Document condition) {
            if (condition.size() != 1) {
                return null;
            }
            if (condition.containsKey("$eq")) {
                Object key = keyOf(condition.get("$eq"));
                return key == null || key == ANY ? null : List.of(key);
            }
            if (condition.get("$in") instanceof Collection<?> values) {
                List<Object> keys = new ArrayList<>();
                for (Object each : values) {
                    Object key = keyOf(each);
                    if (key == null || key == ANY) {
                        return null;
                    }
                    keys.add(key);
                }
                return keys;
            }
            return null;
        }
        Object key = keyOf(value);
        return key == null || key == ANY ? null : List.of(key);
    }

    private static void collectKeys(Object value, Set<Object> keys) {
        if (value instanceof Collection<?> values) {
            for (Object each : values) {
                collectKeys(each, keys);
            }
            return;
        }
        Object key = keyOf(value);
        if (key != null) {
            keys.add(key);
        }
    }

    /**
     * {@code null} for a missing or null value (no equality this index answers matches it), {@link #ANY} for a value
     * of a type it does not key, else the key: numbers by their double value, as the matcher normalises them.
     */
    private static Object keyOf(Object value) {
        if (Missing.isNullOrMissing(value)) {
            return null;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d == 0.0 ? 0.0 : d;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Instant || value instanceof Date
                || value instanceof ObjectId || value instanceof UUID) {
            return value;
        }
        return ANY;
    }
}
