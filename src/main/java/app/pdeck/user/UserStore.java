package app.pdeck.user;

import app.pdeck.platform.PageRequest;
import app.pdeck.platform.PageView;
import app.pdeck.platform.mongo.MongoConnection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The account operations Jakarta Data cannot express here. JNoSQL 1.1's {@code save} replaces the whole document
 * and inserts it when it is missing, so a change saved from a stale read writes back fields another write changed
 * since (a demotion, a new password hash) and re-inserts an account deleted meanwhile; and its repositories have no
 * conditional update. Here a change sets only the fields it changes, and only while the account still has the
 * version the change was read at and is not being deleted; it never inserts. Also the paged listing (JNoSQL 1.1 does
 * not support Jakarta Data's paged {@code findAll}) and the deletion sweep's query.
 */
@ApplicationScoped
class UserStore {

    private static final String VERSION = "version";

    @Inject
    MongoConnection mongo;

    Optional<User> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id)).first()).map(User::fromDocument);
    }

    /** Applies {@code changes} (and a new version) if the account is still at {@code readVersion}; false if not. */
    boolean updateIfVersion(String id, long readVersion, List<Bson> changes) {
        List<Bson> update = new ArrayList<>(changes);
        update.add(Updates.inc(VERSION, 1L));
        return collection().updateOne(Filters.and(Filters.eq("_id", id), atVersion(readVersion),
                        Filters.eq("deletedAt", null)), Updates.combine(update))
                .getModifiedCount() == 1;
    }

    /** Starts the deletion: the account can no longer sign in nor change. False if it is gone or already marked. */
    boolean markDeleted(String id, Date at) {
        return collection().updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("deletedAt", null)),
                Updates.combine(Updates.set("deletedAt", at), Updates.inc(VERSION, 1L))).getModifiedCount() == 1;
    }

    /** A page of the accounts not being deleted, oldest first. */
    PageView<UserView> list(PageRequest page) {
        Bson live = Filters.eq("deletedAt", null);
        List<UserView> items = collection().find(live)
                .sort(Sorts.ascending("createdAt", "_id"))
                .skip(page.offset())
                .limit(page.size())
                .map(UserView::fromDocument)
                .into(new ArrayList<>());
        return new PageView<>(items, page.page(), page.size(), collection().countDocuments(live));
    }

    /** Ids of accounts whose deletion was started but not finished. */
    List<String> pendingDeletions() {
        return collection().find(Filters.ne("deletedAt", null))
                .projection(Projections.include("_id"))
                .map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }

    /** Accounts written before versions existed have no {@code version} field: they are at version 0. */
    private static Bson atVersion(long version) {
        return version == 0 ? Filters.or(Filters.eq(VERSION, 0L), Filters.exists(VERSION, false))
                : Filters.eq(VERSION, version);
    }

    private MongoCollection<Document> collection() {
        return mongo.database().getCollection("users");
    }
}
