package app.pdeck.migration;

import app.pdeck.testsupport.InProcessMongo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** V004 shards only behind mongos; elsewhere (the embedded server here) it leaves the database as it was. */
class V004ShardUserCollectionsTest {

    private static InProcessMongo mongo;
    private static MongoClient client;

    @BeforeAll
    static void startMongo() {
        mongo = new InProcessMongo();
        client = mongo.newClient();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void onAServerThatIsNotMongosNothingChanges() {
        MongoDatabase database = client.getDatabase("v004_" + UUID.randomUUID().toString().substring(0, 8));
        database.getCollection("tasks").insertOne(new Document("_id", "t1").append("userId", "u1"));
        List<Document> indexesBefore = database.getCollection("tasks").listIndexes().into(new ArrayList<>());

        new V004ShardUserCollections().up(database, client.getDatabase("admin"));

        assertEquals(indexesBefore, database.getCollection("tasks").listIndexes().into(new ArrayList<>()));
        assertEquals(List.of("tasks"), database.listCollectionNames().into(new ArrayList<>()));
    }

    @Test
    void mongosIsRecognisedByItsHelloAnswer() {
        assertTrue(V004ShardUserCollections.isMongos(Document.parse("{ismaster: true, msg: 'isdbgrid', maxWireVersion: 21}")));
        assertFalse(V004ShardUserCollections.isMongos(Document.parse("{ismaster: true, setName: 'rs0'}")));
        assertFalse(V004ShardUserCollections.isMongos(V004ShardUserCollections.hello(client.getDatabase("admin"))));
    }

    @Test
    void onMongosEveryUserCollectionIsShardedOnUserIdThenId() {
        List<Document> commands = V004ShardUserCollections.commands("pdeck");
        assertEquals(new Document("enableSharding", "pdeck"), commands.get(0));
        List<String> sharded = commands.stream().filter(c -> c.containsKey("shardCollection"))
                .map(c -> c.getString("shardCollection")).toList();
        assertEquals(List.of("pdeck.tasks", "pdeck.projects", "pdeck.integrations", "pdeck.tasks_archive"), sharded);
        for (Document command : commands.subList(1, commands.size())) {
            Document key = command.containsKey("shardCollection") ? command.get("key", Document.class)
                    : command.getList("indexes", Document.class).get(0).get("key", Document.class);
            assertEquals(new Document("userId", 1).append("_id", 1), key, command.toJson());
        }
    }
}
