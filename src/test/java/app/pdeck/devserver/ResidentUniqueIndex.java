package app.pdeck.devserver;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 unique index (the same map in the same file, written on every change) with its lookups
 * answered from memory.
 *
 * <p>Upstream looks every key up in the MVMap, whose comparator for {@link KeyValue} (not {@code Comparable})
 * Java-serialises both keys on every comparison: in a profile of {@code EmbeddedMongoReadsIT}'s bulk load half of
 * the server's insert CPU was that, about 32 serialisations per inserted document for the {@code _id} index alone,
 * and 8 concurrent bulk inserts then waited past the client's 10 s socket timeout. Here a hash map holds the same
 * entries. Two keys are the same key exactly when the MVMap would find them equal: keys made only of strings, boxed
 * numbers, booleans, ObjectIds, UUIDs, dates and nulls (whose {@code equals} agrees with equal serialised bytes)
 * are used as they are; any other key is represented by its serialised bytes, which is what the MVMap compares.
 */
final class ResidentUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> mvMap;
    private final Map<Object, Object> positions = new HashMap<>();

    ResidentUniqueIndex(MVMap<KeyValue, Object> mvMap, String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.mvMap = mvMap;
        mvMap.forEach((key, position) -> positions.put(lookupKey(key), position));
    }

    @Override
    protected synchronized Object removeDocument(KeyValue keyValue) {
        positions.remove(lookupKey(keyValue));
        return mvMap.remove(keyValue);
    }

    @Override
    protected synchronized boolean putKeyPosition(KeyValue keyValue, Object position) {
        Object stored = Missing.ofNullable(position);
        if (positions.putIfAbsent(lookupKey(keyValue), stored) != null) {
            return false;
        }
        mvMap.put(keyValue, stored);
        return true;
    }

    @Override
    protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
        return mvMap.entrySet();
    }

    @Override
    protected synchronized Object getPosition(KeyValue keyValue) {
        return positions.get(lookupKey(keyValue));
    }

    @Override
    public synchronized long getCount() {
        return positions.size();
    }

    @Override
    public synchronized boolean isEmpty() {
        return positions.isEmpty();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public synchronized void drop() {
        super.drop();
        positions.clear();
    }

    private static Object lookupKey(KeyValue keyValue) {
        for (Object value : keyValue) {
            if (!hasValueEquality(value)) {
                return ByteBuffer.wrap(serialise(keyValue));
            }
        }
        return keyValue;
    }

    private static boolean hasValueEquality(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Double || value instanceof Boolean || value instanceof ObjectId
                || value instanceof UUID || value instanceof Instant || (value != null && value.getClass() == Date.class);
    }

    /** As H2's ObjectDataType serialises an object it has no type of its own for. */
    private static byte[] serialise(Object object) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
