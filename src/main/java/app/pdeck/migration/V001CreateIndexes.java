package app.pdeck.migration;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.enterprise.context.Dependent;
import java.util.List;
import org.bson.conversions.Bson;

/**
 * Creates the indexes the domain's queries need (listed in the team contract). Indexes keep MongoDB's default
 * names, so creating one that already exists with the same keys is a no-op and the migration is re-runnable.
 */
@Dependent
public class V001CreateIndexes implements Migration {

    private static final int NAMESPACE_NOT_FOUND = 26;
    private static final int INDEX_NOT_FOUND = 27;

    record IndexSpec(String collection, Bson keys, boolean unique, String name) {
    }

    static final List<IndexSpec> INDEXES = List.of(
            new IndexSpec("users", Indexes.ascending("email"), true, "email_1"),
            new IndexSpec("tasks", Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("priority")),
                    false, "userId_1_priority_-1"),
            new IndexSpec("tasks", Indexes.ascending("userId", "dueDate"), false, "userId_1_dueDate_1"),
            new IndexSpec("tasks", Indexes.compoundIndex(Indexes.ascending("userId", "status"),
                    Indexes.descending("priority")), false, "userId_1_status_1_priority_-1"),
            new IndexSpec("tasks", Indexes.ascending("userId", "tags"), false, "userId_1_tags_1"),
            new IndexSpec("tasks", Indexes.compoundIndex(Indexes.ascending("userId"), Indexes.descending("createdAt")),
                    false, "userId_1_createdAt_-1"),
            new IndexSpec("tasks", Indexes.ascending("status", "updatedAt"), false, "status_1_updatedAt_1"),
            new IndexSpec("projects", Indexes.ascending("userId", "name"), false, "userId_1_name_1"),
            new IndexSpec("integrations", Indexes.ascending("userId", "type"), false, "userId_1_type_1"),
            new IndexSpec("tasks_archive", Indexes.compoundIndex(Indexes.ascending("userId"),
                    Indexes.descending("archivedAt")), false, "userId_1_archivedAt_-1"));

    @Override
    public String version() {
        return "001";
    }

    @Override
    public String description() {
        return "create the indexes of users, tasks, projects, integrations and tasks_archive";
    }

    @Override
    public void up(MongoDatabase database) {
        for (IndexSpec index : INDEXES) {
            database.getCollection(index.collection())
                    .createIndex(index.keys(), new IndexOptions().name(index.name()).unique(index.unique()));
        }
    }

    @Override
    public void down(MongoDatabase database) {
        for (IndexSpec index : INDEXES) {
            try {
                database.getCollection(index.collection()).dropIndex(index.name());
            } catch (MongoCommandException e) {
                // Already gone (or the collection never existed): the state down wants.
                if (e.getErrorCode() != INDEX_NOT_FOUND && e.getErrorCode() != NAMESPACE_NOT_FOUND) {
                    throw e;
                }
            }
        }
    }
}
