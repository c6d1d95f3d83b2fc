package app.pdeck.migration;

import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Logger;
import org.bson.Document;

/**
 * Shards the per-user collections on {@code {userId: 1, _id: 1}} when the application is connected to a sharded
 * cluster ({@code mongos}: the {@code hello} answer says {@code msg: "isdbgrid"}); on a standalone server or a replica
 * set it does nothing. Every user-facing query filters on {@code userId}, so it is routed to one shard; {@code _id}
 * after it lets a big user's documents split into several chunks. {@code users} stays unsharded: sign-in looks a user
 * up by email and the unique email index could not be enforced across shards.
 *
 * <p>{@code down} does nothing: a sharded collection cannot be unsharded before MongoDB 8.0, and leaving it sharded
 * is harmless to older code.
 */
@Dependent
public class V004ShardUserCollections implements Migration {

    /** Collection → shard key; docs/scale-out.md lists the same. */
    static final List<String> SHARDED = List.of("tasks", "projects", "integrations", "tasks_archive");
    static final Document SHARD_KEY = new Document("userId", 1).append("_id", 1);

    private static final Logger LOG = Logger.getLogger(V004ShardUserCollections.class.getName());

    @Inject
    MongoConnection mongo;

    @Override
    public String version() {
        return "004";
    }

    @Override
    public String description() {
        return "shard tasks, projects, integrations and tasks_archive on {userId: 1, _id: 1} when connected to mongos";
    }

    @Override
    public void up(MongoDatabase database) {
        up(database, mongo.client().getDatabase("admin"));
    }

    void up(MongoDatabase database, MongoDatabase admin) {
        if (!isMongos(hello(admin))) {
            LOG.info("not connected to mongos: no collection sharded");
            return;
        }
        for (Document command : commands(database.getName())) {
            if (command.containsKey("createIndexes")) {
                database.runCommand(command);
            } else {
                admin.runCommand(command);
            }
        }
        LOG.info(() -> "sharded " + SHARDED + " of " + database.getName() + " on " + SHARD_KEY.toJson());
    }

    @Override
    public void down(MongoDatabase database) {
        // Unsharding needs MongoDB 8.0 (unshardCollection) and is never required by older code.
    }

    /** The server's {@code hello} answer, or {@code isMaster}'s on servers that predate {@code hello}. */
    static Document hello(MongoDatabase admin) {
        try {
            return admin.runCommand(new Document("hello", 1));
        } catch (MongoCommandException unknownCommand) {
            return admin.runCommand(new Document("isMaster", 1));
        }
    }

    static boolean isMongos(Document hello) {
        return "isdbgrid".equals(hello.getString("msg"));
    }

    /**
     * What {@code up} sends on mongos, in order: enable sharding for the database, then per collection the index the
     * shard key needs (a no-op where it exists) and {@code shardCollection} (a no-op where already sharded so).
     */
    static List<Document> commands(String databaseName) {
        List<Document> commands = new java.util.ArrayList<>();
        commands.add(new Document("enableSharding", databaseName));
        for (String collection : SHARDED) {
            commands.add(new Document("createIndexes", collection).append("indexes",
                    List.of(new Document("key", SHARD_KEY).append("name", "userId_1__id_1"))));
            commands.add(new Document("shardCollection", databaseName + "." + collection).append("key", SHARD_KEY));
        }
        return commands;
    }
}
