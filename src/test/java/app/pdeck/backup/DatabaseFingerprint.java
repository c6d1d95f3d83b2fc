package app.pdeck.backup;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * A test's view of "identical": per collection, the SHA-256 of every document's exact BSON bytes in {@code _id}
 * order, and the set of index definitions (without the server-assigned {@code v} and {@code ns}).
 */
public final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    public static Map<String, String> documents(MongoDatabase database, Iterable<String> collections) {
        Map<String, String> result = new TreeMap<>();
        for (String name : collections) {
            MessageDigest digest = sha256();
            long count = 0;
            for (RawBsonDocument document : database.getCollection(name, RawBsonDocument.class).find()
                    .sort(Sorts.ascending("_id"))) {
                ByteBuffer bytes = document.getByteBuffer().asNIO();
                digest.update(bytes);
                count++;
            }
            result.put(name, count + ":" + HexFormat.of().formatHex(digest.digest()));
        }
        return result;
    }

    public static Map<String, TreeSet<String>> indexes(MongoDatabase database, Iterable<String> collections) {
        Map<String, TreeSet<String>> result = new TreeMap<>();
        for (String name : collections) {
            TreeSet<String> definitions = new TreeSet<>();
            for (BsonDocument index : database.getCollection(name).listIndexes(BsonDocument.class)) {
                index.remove("v");
                index.remove("ns");
                definitions.add(index.toJson());
            }
            result.put(name, definitions);
        }
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
