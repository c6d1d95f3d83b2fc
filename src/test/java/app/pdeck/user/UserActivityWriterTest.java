package app.pdeck.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.testsupport.InProcessMongo;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import java.util.Date;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UserActivityWriterTest {

    @RegisterExtension
    static final InProcessMongo MONGO = new InProcessMongo();

    private final MongoDatabase db = MONGO.newClient().getDatabase("activity_writer");
    private final UserActivityWriter writer = new UserActivityWriter(new MongoConnection() {
        @Override
        public MongoDatabase database() {
            return db;
        }
    });

    @Test
    void countersOfAccountsDeletedBeforeTheWriteBehindRanDoNotBringTheirActivityBack() {
        db.getCollection("users").insertOne(new Document("_id", "live"));
        db.getCollection("users").insertOne(new Document("_id", "leaving").append("deletedAt", new Date()));

        writer.write(Map.of("live", 3L, "gone", 5L, "leaving", 7L));

        var activity = db.getCollection(UserActivityWriter.COLLECTION);
        assertEquals(3L, activity.find(Filters.eq("_id", "live")).first().getLong("requests"));
        assertEquals(0, activity.countDocuments(Filters.in("_id", "gone", "leaving")));
    }
}
