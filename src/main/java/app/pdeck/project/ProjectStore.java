package app.pdeck.project;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.user.AccountDeleted;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Date;
import org.bson.Document;

/**
 * The project writes Jakarta Data cannot express here: JNoSQL 1.1's {@code save} replaces the whole document and
 * upserts, with no condition, so a replace made from a stale read would overwrite a newer one (or bring back a
 * deleted project); here it is written only while the project still has the version it was read at.
 */
@ApplicationScoped
class ProjectStore {

    @Inject
    MongoConnection mongo;

    /** Writes the edited fields (and a new version) if the project is still at {@code readVersion}. */
    boolean replaceIfVersion(Project changed, long readVersion) {
        return collection().updateOne(
                Filters.and(Filters.eq("_id", changed.getId()), Filters.eq("userId", changed.getUserId()),
                        Filters.eq("version", readVersion)),
                Updates.combine(Updates.set("name", changed.getName()),
                        Updates.set("description", changed.getDescription()),
                        Updates.set("archived", changed.isArchived()),
                        Updates.set("updatedAt", Date.from(changed.getUpdatedAt())),
                        Updates.inc("version", 1L))).getModifiedCount() == 1;
    }

    boolean delete(String userId, String id) {
        return collection().deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)))
                .getDeletedCount() == 1;
    }

    void deleteAllOf(@Observes AccountDeleted deleted) {
        collection().deleteMany(Filters.eq("userId", deleted.userId()));
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection("projects");
    }
}
