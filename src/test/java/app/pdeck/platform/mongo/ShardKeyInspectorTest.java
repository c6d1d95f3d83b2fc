package app.pdeck.platform.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.logging.Logger;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The commands the driver really sends (recorded through the command listener) against the embedded server. */
class ShardKeyInspectorTest {

    private static MongoServer server;
    private static MongoClient client;
    private static ShardKeyInspector inspector;
    private static MongoCollection<Document> tasks;

    @BeforeAll
    static void start() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        inspector = new ShardKeyInspector();
        inspector.enabled = true;
        inspector.log = Logger.getLogger(ShardKeyInspectorTest.class.getName());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString("mongodb://127.0.0.1:" + address.getPort()))
                .addCommandListener(inspector).build());
        tasks = client.getDatabase("inspector").getCollection("tasks");
        tasks.insertOne(new Document("_id", "t1").append("userId", "u1").append("title", "a"));
    }

    @AfterAll
    static void stop() {
        client.close();
        server.shutdown();
    }

    @Test
    void userPathQueriesWithTheUserIdAreNotReported() {
        long before = inspector.violations();
        asUser(() -> {
            tasks.find(Filters.and(Filters.eq("_id", "t1"), Filters.eq("userId", "u1"))).first();
            tasks.countDocuments(Filters.eq("userId", "u1"));
            tasks.updateOne(Filters.and(Filters.eq("_id", "t1"), Filters.eq("userId", "u1")), Updates.set("title", "b"));
            tasks.deleteMany(Filters.eq("userId", "nobody"));
        });
        assertEquals(before, inspector.violations());
    }

    @Test
    void userPathQueriesWithoutTheUserIdAreReported() {
        long before = inspector.violations();
        asUser(() -> {
            tasks.find(Filters.eq("_id", "t1")).first();
            tasks.countDocuments(Filters.eq("status", "DONE"));
            tasks.updateOne(Filters.eq("_id", "t1"), Updates.set("title", "c"));
        });
        assertEquals(before + 3, inspector.violations());
    }

    @Test
    void jobsAndAdminPathsMayScan() {
        long before = inspector.violations();
        tasks.find().first();
        assertEquals(before, inspector.violations());
    }

    @Test
    void commandsOnOtherCollectionsAndInsertsAreNotQueries() {
        assertNull(ShardKeyInspector.missingShardKey("find", BsonDocument.parse("{find: 'users', filter: {email: 'a'}}")));
        assertNull(ShardKeyInspector.missingShardKey("insert", BsonDocument.parse("{insert: 'tasks', documents: [{}]}")));
        assertEquals("aggregate on tasks", ShardKeyInspector.missingShardKey("aggregate",
                BsonDocument.parse("{aggregate: 'tasks', pipeline: [{$group: {_id: '$userId'}}]}")));
        assertNull(ShardKeyInspector.missingShardKey("aggregate",
                BsonDocument.parse("{aggregate: 'tasks', pipeline: [{$match: {userId: 'u'}}, {$count: 'n'}]}")));
        assertEquals("delete on projects", ShardKeyInspector.missingShardKey("delete",
                BsonDocument.parse("{delete: 'projects', deletes: [{q: {userId: 'u'}}, {q: {_id: 'p'}}]}")));
    }

    private static void asUser(Runnable body) {
        UserRequestMarker.mark("GET tasks");
        try {
            body.run();
        } finally {
            UserRequestMarker.clear();
        }
    }
}
