package app.pdeck.devserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.devserver.EmbeddedMongoServer.DurableH2Backend;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's secondary indexes change how fast a query is answered, never what it answers: every query
 * gives the same documents in the same order on our server with the service's indexes as on upstream's H2 backend
 * scanning the whole collection, before and after updates and deletes, and the indexes really narrow the reads.
 */
class IndexedQueriesTest {

    private final List<MongoServer> servers = new ArrayList<>();
    private final List<MongoClient> clients = new ArrayList<>();
    private DurableH2Backend backend;
    private MongoCollection<Document> indexed;
    private MongoCollection<Document> scanned;

    @BeforeEach
    void startBothServers() {
        backend = new DurableH2Backend(MVStore.open(null));
        indexed = tasks(backend);
        scanned = tasks(H2Backend.inMemory());
        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.createIndex(Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("priority")));
            tasks.createIndex(Indexes.ascending("userId", "tags"));
            tasks.createIndex(Indexes.ascending("status", "updatedAt"));
            tasks.createIndex(Indexes.ascending("title"), new IndexOptions().unique(true));
            tasks.createIndex(Indexes.ascending("meta.kind"));
            tasks.insertMany(documents());
        }
    }

    @AfterEach
    void stopBothServers() {
        clients.forEach(MongoClient::close);
        servers.forEach(MongoServer::shutdown);
    }

    private MongoCollection<Document> tasks(de.bwaldvogel.mongo.MongoBackend mongoBackend) {
        MongoServer server = new MongoServer(mongoBackend);
        servers.add(server);
        MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        clients.add(client);
        return client.getDatabase("db").getCollection("tasks");
    }

    /** Users, values of every type the index keys or declines, arrays, missing fields and nulls. */
    private static List<Document> documents() {
        List<Document> documents = new ArrayList<>();
        Object[] priorities = {1, 2L, 3.0, -0.0, 0, 4.5, "high", null};
        for (int i = 0; i < 240; i++) {
            Document d = new Document("_id", i % 7 == 0 ? (Object) ("id-" + i) : (Object) i)
                    .append("userId", i % 11 == 0 ? List.of("u" + (i % 4), "shared") : "u" + (i % 4))
                    .append("title", "task " + i)
                    .append("status", i % 3 == 0 ? "DONE" : "OPEN")
                    .append("tags", i % 5 == 0 ? List.of() : List.of("t" + (i % 3), List.of("nested" + (i % 2))))
                    .append("updatedAt", new Date(1_700_000_000_000L + i * 1000L))
                    .append("meta", new Document("kind", "k" + (i % 2)));
            if (i % 13 != 0) {
                d.append("priority", priorities[i % priorities.length]);
            }
            if (i % 17 == 0) {
                d.put("userId", new Document("odd", "u1"));
            }
            if (i % 19 == 0) {
                d.put("status", new ObjectId(String.format("%024x", i)));
            }
            if (i % 23 == 0) {
                d.remove("userId");
            }
            documents.add(d);
        }
        return documents;
    }

    private static List<Bson> filters() {
        return List.of(
                Filters.eq("userId", "u1"),
                Filters.eq("userId", "shared"),
                Filters.eq("userId", "nobody"),
                Filters.eq("userId", null),
                Filters.eq("userId", new Document("odd", "u1")),
                Filters.and(Filters.eq("userId", "u2"), Filters.eq("status", "OPEN")),
                Filters.and(Filters.eq("_id", 5), Filters.eq("userId", "u1")),
                Filters.and(Filters.eq("_id", 5), Filters.eq("userId", "u2")),
                Filters.and(Filters.eq("_id", "id-14"), Filters.eq("userId", "u2")),
                Filters.and(Filters.eq("userId", "u3"), Filters.eq("tags", "t1")),
                Filters.and(Filters.eq("userId", "u3"), Filters.eq("tags", "nested1")),
                Filters.and(Filters.eq("userId", "u0"), Filters.and(Filters.eq("status", "DONE"),
                        Filters.lt("updatedAt", new Date(1_700_000_100_000L)))),
                Filters.and(Filters.eq("userId", "u1"), Filters.regex("title", Pattern.quote("task 1"), "i")),
                Filters.in("userId", List.of("u1", "u3")),
                Filters.in("userId", java.util.Arrays.asList("u1", null)),
                new Document("userId", new Document("$eq", "u0")),
                Filters.eq("priority", 3),
                Filters.eq("priority", 2.0),
                Filters.eq("priority", 0),
                Filters.eq("priority", "high"),
                Filters.and(Filters.eq("userId", "u1"), Filters.eq("priority", 1L)),
                Filters.eq("status", "DONE"),
                Filters.eq("status", "OPEN"),
                Filters.eq("title", "task 42"),
                Filters.and(Filters.eq("title", "task 42"), Filters.eq("userId", "u2")),
                Filters.eq("meta.kind", "k1"),
                Filters.or(Filters.eq("userId", "u1"), Filters.eq("status", "DONE")),
                Filters.ne("userId", "u1"),
                Filters.gt("userId", "u1"),
                Filters.and(Filters.eq("userId", "u1"), Filters.eq("userId", "u2")),
                new Document());
    }

    private static List<Bson> sorts() {
        return List.of(new Document(), Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("_id")),
                new Document("$natural", -1), Sorts.ascending("title"));
    }

    private void assertSameAnswers(String when) {
        for (Bson filter : filters()) {
            for (Bson sort : sorts()) {
                assertEquals(scanned.find(filter).sort(sort).into(new ArrayList<>()),
                        indexed.find(filter).sort(sort).into(new ArrayList<>()), when + ": find " + filter + " " + sort);
                assertEquals(scanned.find(filter).sort(sort).skip(3).limit(5).into(new ArrayList<>()),
                        indexed.find(filter).sort(sort).skip(3).limit(5).into(new ArrayList<>()),
                        when + ": page " + filter + " " + sort);
            }
            assertEquals(scanned.countDocuments(filter), indexed.countDocuments(filter), when + ": count " + filter);
            List<Bson> pipeline = List.of(Aggregates.match(filter),
                    Aggregates.group("$status", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id")));
            assertEquals(scanned.aggregate(pipeline).into(new ArrayList<>()),
                    indexed.aggregate(pipeline).into(new ArrayList<>()), when + ": aggregate " + filter);
            assertEquals(scanned.distinct("title", filter, String.class).into(new ArrayList<>()),
                    indexed.distinct("title", filter, String.class).into(new ArrayList<>()),
                    when + ": distinct " + filter);
        }
    }

    @Test
    void queriesAnswerTheSameWithAndWithoutTheIndexes() {
        assertSameAnswers("after the load");
    }

    @Test
    void queriesAnswerTheSameAfterUpdatesAndDeletes() {
        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.updateMany(Filters.eq("userId", "u1"), Updates.set("userId", "u2"));
            tasks.updateMany(Filters.and(Filters.eq("userId", "u2"), Filters.eq("status", "DONE")),
                    Updates.combine(Updates.set("status", "OPEN"), Updates.set("priority", 9)));
            tasks.updateOne(Filters.and(Filters.eq("_id", 6), Filters.eq("userId", "u2")),
                    Updates.set("tags", List.of("moved")));
            tasks.updateOne(Filters.eq("_id", 7), Updates.unset("userId"));
            tasks.findOneAndUpdate(Filters.and(Filters.eq("_id", 10), Filters.eq("userId", "u2")),
                    Updates.set("userId", List.of("u0", "u3")));
            tasks.replaceOne(Filters.eq("_id", 9), new Document("userId", "u0").append("title", "replaced"));
            tasks.deleteMany(Filters.and(Filters.eq("userId", "u3"), Filters.eq("status", "OPEN")));
            tasks.deleteOne(Filters.and(Filters.eq("_id", "id-21"), Filters.eq("userId", "u1")));
            tasks.deleteOne(Filters.eq("_id", 2));
            tasks.insertOne(new Document("_id", 2).append("userId", "u2").append("title", "back"));
            tasks.updateOne(Filters.eq("_id", 1000), Updates.set("userId", "u0"),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
        }
        assertSameAnswers("after updates and deletes");
    }

    @Test
    void theIndexesNarrowTheReads() {
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("db")
                .resolveCollection("tasks", true);
        long u1 = indexed.countDocuments(Filters.eq("userId", "u1"));
        long odd = indexed.countDocuments(Filters.type("userId", "object"));
        assertEquals(u1 + odd, collection.candidates(new de.bwaldvogel.mongo.bson.Document("userId", "u1")).size(),
                "u1's tasks, and those whose userId the index does not key");
        assertEquals(1, collection.candidates(and(new de.bwaldvogel.mongo.bson.Document("_id", 5),
                new de.bwaldvogel.mongo.bson.Document("userId", "u1"))).size(), "the _id index inside $and");
        assertNull(collection.candidates(new de.bwaldvogel.mongo.bson.Document("userId", null)), "null: a scan");
        assertNull(collection.candidates(new de.bwaldvogel.mongo.bson.Document("meta.kind", "k1")),
                "dotted paths: a scan");
        assertNotNull(collection.candidates(new de.bwaldvogel.mongo.bson.Document("status", "DONE")));
    }

    @Test
    void uniqueIndexesStillRefuseDuplicates() {
        MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                () -> indexed.insertOne(new Document("_id", "dup").append("title", "task 1")));
        assertEquals(11000, duplicate.getError().getCode());
        MongoWriteException duplicateById = assertThrows(MongoWriteException.class,
                () -> indexed.insertOne(new Document("_id", 1).append("title", "other")));
        assertEquals(11000, duplicateById.getError().getCode());
    }

    @Test
    void indexesAreRebuiltFromTheDataWhenTheFileIsOpenedAgain(@TempDir Path dir) {
        String file = dir.resolve("data.mv").toString();
        Map<String, Long> before = new LinkedHashMap<>();
        DurableH2Backend first = new DurableH2Backend(file, false);
        MongoCollection<Document> tasks = tasks(first);
        tasks.createIndex(Indexes.ascending("userId", "status"));
        tasks.insertMany(documents());
        tasks.deleteMany(Filters.eq("userId", "u0"));
        for (String user : List.of("u0", "u1", "u2", "shared")) {
            before.put(user, tasks.countDocuments(Filters.eq("userId", user)));
        }
        first.commit();
        servers.remove(servers.size() - 1).shutdown();

        DurableH2Backend second = new DurableH2Backend(file, false);
        MongoCollection<Document> reopened = tasks(second);
        IndexedH2Collection collection = (IndexedH2Collection) second.resolveDatabase("db")
                .resolveCollection("tasks", true);
        for (Map.Entry<String, Long> expected : before.entrySet()) {
            assertEquals(expected.getValue(), reopened.countDocuments(Filters.eq("userId", expected.getKey())),
                    expected.getKey());
        }
        assertTrue(collection.candidates(new de.bwaldvogel.mongo.bson.Document("userId", "u1")).size()
                < reopened.countDocuments(), "the rebuilt index narrows the read");
        assertTrue(Files.exists(Path.of(file)));
    }

    /** countDocuments' own pipeline, compared as raw answers so the types of the result are checked too. */
    private static List<Bson> countPipeline(Bson filter) {
        return List.of(Aggregates.match(filter), new Document("$group", new Document("_id", 1)
                .append("n", new Document("$sum", 1))));
    }

    private void assertSameCountsAndPages(String when, List<Bson> filters) {
        for (Bson filter : filters) {
            assertEquals(scanned.aggregate(countPipeline(filter)).into(new ArrayList<>()),
                    indexed.aggregate(countPipeline(filter)).into(new ArrayList<>()), when + ": count " + filter);
            assertEquals(scanned.countDocuments(filter), indexed.countDocuments(filter), when + ": count " + filter);
            for (int[] page : new int[][] {{0, 1}, {0, 5}, {3, 5}, {7, 20}, {0, 500}, {230, 50}, {0, 0}}) {
                Bson sort = Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("_id"));
                for (Bson order : List.of(sort, Sorts.ascending("status"), Sorts.descending("tags"))) {
                    assertEquals(scanned.find(filter).sort(order).skip(page[0]).limit(page[1]).into(new ArrayList<>()),
                            indexed.find(filter).sort(order).skip(page[0]).limit(page[1]).into(new ArrayList<>()),
                            when + ": page " + filter + " " + order + " " + page[0] + "+" + page[1]);
                }
            }
        }
    }

    private boolean answeredExactly(String userId) {
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("db")
                .resolveCollection("tasks", true);
        return collection.exactMatches(new de.bwaldvogel.mongo.bson.Document("userId", userId)) != null;
    }

    @Test
    void countsAndPagesAnswerTheSameWhenTheIndexAloneAnswersThem() {
        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.deleteMany(new Document());
            List<Document> plain = new ArrayList<>();
            for (int i = 0; i < 240; i++) {
                // many ties in every sort key, so the order of equal documents is checked too
                plain.add(new Document("_id", i % 3 == 0 ? (Object) ("p-" + i) : (Object) i)
                        .append("userId", "u" + (i % 4)).append("title", "plain " + i)
                        .append("priority", i % 3 == 0 ? (Object) (i % 2) : (Object) (double) (i % 2))
                        .append("status", i % 5 == 0 ? "DONE" : "OPEN").append("tags", List.of("t" + (i % 3))));
            }
            tasks.insertMany(plain);
        }
        List<Bson> filters = List.of(Filters.eq("userId", "u1"), Filters.eq("userId", "nobody"),
                new Document("userId", new Document("$eq", "u2")), Filters.eq("userId", "5"));
        assertTrue(answeredExactly("u1"), "plain strings: the index answers alone");
        assertSameCountsAndPages("plain strings", filters);

        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.insertOne(new Document("_id", "num").append("userId", 5).append("title", "a number"));
            tasks.insertOne(new Document("_id", "null").append("userId", null).append("title", "a null"));
            tasks.insertOne(new Document("_id", "none").append("title", "no userId"));
        }
        assertTrue(answeredExactly("5"), "numbers, nulls and missing fields never equal a string");
        assertSameCountsAndPages("with a number, a null and a missing userId", filters);

        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.insertOne(new Document("_id", "arr").append("userId", List.of("u1", List.of("u2")))
                    .append("title", "an array"));
        }
        assertTrue(!answeredExactly("u1") && !answeredExactly("u2"), "a value inside an array: the matcher decides");
        assertTrue(answeredExactly("u3"), "other values are still answered alone");
        assertSameCountsAndPages("with an array", filters);

        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.insertOne(new Document("_id", "doc").append("userId", new Document("id", "u3"))
                    .append("title", "a document"));
        }
        assertTrue(!answeredExactly("u3"), "a value the index does not key: the matcher decides");
        assertSameCountsAndPages("with an embedded document", filters);

        for (MongoCollection<Document> tasks : List.of(indexed, scanned)) {
            tasks.deleteMany(Filters.in("_id", List.of("arr", "doc")));
            tasks.updateMany(Filters.eq("userId", "u0"), Updates.set("userId", "u3"));
        }
        assertTrue(answeredExactly("u1") && answeredExactly("u3"), "exact again once they are gone");
        assertSameCountsAndPages("after deletes and updates", filters);
    }

    /**
     * Reads run concurrently with each other but never see half of a write: a writer adds tasks to one user ten at
     * a time, at the version all of them have, then sets all of them to the next version at once, while readers page
     * and count; every count is a multiple of ten and every page shows one version.
     */
    @Test
    void concurrentReadsNeverSeeHalfAWrite() throws Exception {
        int rounds = 30;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            java.util.concurrent.Future<?> writer = pool.submit(() -> {
                try {
                    for (int round = 0; round < rounds; round++) {
                        List<Document> batch = new ArrayList<>();
                        for (int i = 0; i < 10; i++) {
                            batch.add(new Document("_id", "w-" + round + "-" + i).append("userId", "writer")
                                    .append("title", "written " + round + "-" + i).append("version", round)
                                    .append("priority", i % 3));
                        }
                        indexed.insertMany(batch);
                        indexed.updateMany(Filters.eq("userId", "writer"), Updates.set("version", round + 1));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<java.util.concurrent.Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 5; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get() || reads == 0) {
                        long count = indexed.countDocuments(Filters.eq("userId", "writer"));
                        assertEquals(0, count % 10, "a count saw part of an insert: " + count);
                        List<Document> page = indexed.find(Filters.eq("userId", "writer"))
                                .sort(Sorts.orderBy(Sorts.descending("priority"), Sorts.ascending("_id")))
                                .skip(3).limit(40).into(new ArrayList<>());
                        assertTrue(page.stream().map(d -> d.get("version")).distinct().count() <= 1,
                                "a page saw part of an update: " + page.stream().map(d -> d.get("version")).toList());
                        reads++;
                    }
                    return reads;
                }));
            }
            writer.get(2, java.util.concurrent.TimeUnit.MINUTES);
            for (java.util.concurrent.Future<Integer> reader : readers) {
                assertTrue(reader.get(2, java.util.concurrent.TimeUnit.MINUTES) > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(rounds * 10L, indexed.countDocuments(Filters.eq("userId", "writer")));
        assertEquals(rounds * 10L, indexed.countDocuments(Filters.eq("version", rounds)) + indexed.countDocuments(
                Filters.and(Filters.eq("userId", "writer"), Filters.lt("version", rounds))));
    }

    @Test
    void uniqueIndexesRefuseDuplicatesOfEveryKeyTypeAndAfterReopening(@TempDir Path dir) {
        String file = dir.resolve("unique.mv").toString();
        DurableH2Backend first = new DurableH2Backend(file, false);
        MongoCollection<Document> tasks = tasks(first);
        tasks.createIndex(Indexes.ascending("title"), new IndexOptions().unique(true));
        List<Object> ids = List.of("s", 1, 2L, 3.5, true, new ObjectId(), new Document("a", 1).append("b", 2),
                new Date(0));
        for (Object id : ids) {
            tasks.insertOne(new Document("_id", id).append("title", "title " + id));
        }
        for (Object id : ids) {
            MongoWriteException duplicate = assertThrows(MongoWriteException.class,
                    () -> tasks.insertOne(new Document("_id", id).append("title", "other " + id)), "_id " + id);
            assertEquals(11000, duplicate.getError().getCode());
        }
        assertEquals(11000, assertThrows(MongoWriteException.class,
                () -> tasks.insertOne(new Document("_id", "t").append("title", "title s"))).getError().getCode());
        tasks.deleteOne(Filters.eq("_id", "s"));
        tasks.insertOne(new Document("_id", "s2").append("title", "title s"));
        first.commit();
        servers.remove(servers.size() - 1).shutdown();

        MongoCollection<Document> reopened = tasks(new DurableH2Backend(file, false));
        assertEquals(11000, assertThrows(MongoWriteException.class,
                () -> reopened.insertOne(new Document("_id", "s3").append("title", "title s"))).getError().getCode());
        assertEquals(11000, assertThrows(MongoWriteException.class,
                () -> reopened.insertOne(new Document("_id", new Document("a", 1).append("b", 2))))
                .getError().getCode());
        reopened.insertOne(new Document("_id", "s").append("title", "title s again"));
        assertEquals(ids.size() + 1L, reopened.countDocuments());
    }

    private static de.bwaldvogel.mongo.bson.Document and(de.bwaldvogel.mongo.bson.Document... members) {
        return new de.bwaldvogel.mongo.bson.Document("$and", List.of(members));
    }
}
