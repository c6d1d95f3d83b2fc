package app.pdeck.platform.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Watches the commands the driver sends and reports each one that, while serving a user request, reads or changes a
 * per-user collection without filtering on {@code userId}, the shard key: on a sharded cluster such a command goes to
 * every shard (scatter-gather). Logged (collection and command name only, never values) and counted.
 */
@ApplicationScoped
public class ShardKeyInspector implements CommandListener {

    /** Collections sharded on {@code {userId: 1, _id: 1}} (migration V004). */
    static final Set<String> USER_COLLECTIONS = Set.of("tasks", "projects", "integrations", "tasks_archive");
    static final String SHARD_KEY_FIELD = "userId";

    @Inject
    Logger log;

    @Inject
    @ConfigProperty(name = "pdeck.mongo.shard-key-inspector.enabled")
    boolean enabled;

    private final AtomicLong violations = new AtomicLong();

    @PostConstruct
    void announce() {
        // Created on the driver's first command: this line proves the inspector is attached to the client.
        log.info(() -> "shard-key inspector " + (enabled ? "active" : "disabled") + " for " + USER_COLLECTIONS);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!enabled) {
            return;
        }
        String request = UserRequestMarker.current();
        if (request == null) {
            return;
        }
        String problem = missingShardKey(event.getCommandName(), event.getCommand());
        if (problem != null) {
            violations.incrementAndGet();
            log.warning(() -> "MongoDB " + problem + " without the shard key " + SHARD_KEY_FIELD + " while serving "
                    + request + " (scatter-gather on a sharded cluster)");
        }
    }

    /** Commands without the shard key sent on user paths since start. */
    public long violations() {
        return violations.get();
    }

    /** {@code "<command> on <collection>"} when the command targets a user collection without userId, else null. */
    static String missingShardKey(String commandName, BsonDocument command) {
        BsonValue target = command.get(commandName);
        if (target == null || !target.isString() || !USER_COLLECTIONS.contains(target.asString().getValue())) {
            return null;
        }
        List<BsonDocument> filters = new ArrayList<>();
        switch (commandName) {
            case "find" -> filters.add(document(command.get("filter")));
            case "count", "distinct", "findAndModify" -> filters.add(document(command.get("query")));
            case "update" -> each(command.get("updates"), u -> filters.add(document(u.get("q"))));
            case "delete" -> each(command.get("deletes"), d -> filters.add(document(d.get("q"))));
            case "aggregate" -> {
                BsonValue pipeline = command.get("pipeline");
                BsonDocument first = pipeline != null && pipeline.isArray() && !pipeline.asArray().isEmpty()
                        ? pipeline.asArray().get(0).asDocument() : new BsonDocument();
                filters.add(document(first.get("$match")));
            }
            default -> {
                return null; // inserts carry the key in the documents; index and admin commands are not queries
            }
        }
        for (BsonDocument filter : filters) {
            if (!hasShardKey(filter)) {
                return commandName + " on " + target.asString().getValue();
            }
        }
        return null;
    }

    private static boolean hasShardKey(BsonDocument filter) {
        if (filter.containsKey(SHARD_KEY_FIELD)) {
            return true;
        }
        BsonValue and = filter.get("$and");
        if (and != null && and.isArray()) {
            for (BsonValue clause : and.asArray()) {
                if (clause.isDocument() && hasShardKey(clause.asDocument())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static BsonDocument document(BsonValue value) {
        return value != null && value.isDocument() ? value.asDocument() : new BsonDocument();
    }

    private static void each(BsonValue array, java.util.function.Consumer<BsonDocument> action) {
        if (array instanceof BsonArray list) {
            list.forEach(v -> action.accept(v.asDocument()));
        }
    }
}
