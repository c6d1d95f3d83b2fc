package app.pdeck.migration;

import app.pdeck.testsupport.InProcessMongo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** V001–V003 on the embedded server: what up changes, and that down reverses it. */
class ShippedMigrationsTest {

    private static InProcessMongo mongo;
    private static MongoClient client;
    private MongoDatabase database;
    private MongoCollection<Document> tasks;

    private static final Date CREATED = Date.from(Instant.parse("2026-01-02T10:00:00Z"));
    private static final Date UPDATED = Date.from(Instant.parse("2026-03-04T15:30:00Z"));

    @BeforeAll
    static void startMongo() {
        mongo = new InProcessMongo();
        client = mongo.newClient();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshDatabase() {
        database = client.getDatabase("shipped_" + UUID.randomUUID().toString().substring(0, 8));
        tasks = database.getCollection("tasks");
    }

    @Test
    void v001CreatesTheContractIndexesCanRunTwiceAndDownDropsThem() {
        V001CreateIndexes v001 = new V001CreateIndexes();
        v001.down(database); // nothing there yet: still fine

        v001.up(database);
        v001.up(database);

        assertEquals(Set.of("_id_", "userId_1_priority_-1", "userId_1_dueDate_1", "userId_1_status_1_priority_-1",
                "userId_1_tags_1", "userId_1_createdAt_-1", "status_1_updatedAt_1"), indexNames("tasks"));
        assertEquals(Set.of("_id_", "email_1"), indexNames("users"));
        assertEquals(Set.of("_id_", "userId_1_name_1"), indexNames("projects"));
        assertEquals(Set.of("_id_", "userId_1_type_1"), indexNames("integrations"));
        assertEquals(Set.of("_id_", "userId_1_archivedAt_-1"), indexNames("tasks_archive"));
        database.getCollection("users").insertOne(new Document("_id", "u1").append("email", "a@example.test"));
        assertThrows(MongoWriteException.class, () -> database.getCollection("users")
                .insertOne(new Document("_id", "u2").append("email", "a@example.test")));

        v001.down(database);
        v001.down(database);

        for (String collection : List.of("tasks", "users", "projects", "integrations", "tasks_archive")) {
            assertEquals(Set.of("_id_"), indexNames(collection), collection);
        }
    }

    @Test
    void v002GivesTasksWithoutTagsAnEmptyArrayAndKeepsExistingTags() {
        tasks.insertMany(List.of(task("t-missing"), task("t-null").append("tags", null),
                task("t-empty").append("tags", List.of()), task("t-tagged").append("tags", List.of("home"))));

        new V002AddTaskTags().up(database);

        assertEquals(List.of(), tag("t-missing"));
        assertEquals(List.of(), tag("t-null"));
        assertEquals(List.of(), tag("t-empty"));
        assertEquals(List.of("home"), tag("t-tagged"));
    }

    @Test
    void v002DownRemovesOnlyEmptyTagsAndDownThenUpRestoresTheSameDocuments() {
        tasks.insertMany(List.of(task("t-missing"), task("t-tagged").append("tags", List.of("home", "work"))));
        V002AddTaskTags v002 = new V002AddTaskTags();
        v002.up(database);
        List<Document> afterUp = allTasks();

        v002.down(database);
        assertFalse(tasks.find(Filters.eq("_id", "t-missing")).first().containsKey("tags"));
        assertEquals(List.of("home", "work"), tag("t-tagged"));
        v002.up(database);

        assertEquals(afterUp, allTasks());
    }

    @Test
    void v003BackfillsCompletedAtOfDoneTasksFromUpdatedAtAndLeavesOthersAlone() {
        Date realCompletion = Date.from(Instant.parse("2026-02-01T08:00:00Z"));
        tasks.insertMany(List.of(
                task("done-missing").append("status", "DONE"),
                task("done-null").append("status", "DONE").append("completedAt", null),
                task("done-set").append("status", "DONE").append("completedAt", realCompletion),
                task("done-no-updated").append("status", "DONE").append("updatedAt", null),
                task("todo").append("status", "TODO").append("completedAt", null)));

        new V003BackfillCompletedAt().up(database);

        assertEquals(UPDATED, completedAt("done-missing"));
        assertEquals(UPDATED, completedAt("done-null"));
        assertEquals(realCompletion, completedAt("done-set"));
        assertEquals(CREATED, completedAt("done-no-updated"));
        assertNull(completedAt("todo"));
        assertTrue(tasks.find(Filters.eq("_id", "todo")).first().containsKey("completedAt"));
    }

    @Test
    void v003DownRestoresExactlyWhatUpChangedAndLeavesLaterCompletionsAlone() {
        tasks.insertMany(List.of(
                task("done-missing").append("status", "DONE"),
                task("done-null").append("status", "DONE").append("completedAt", null),
                task("done-set").append("status", "DONE").append("completedAt", CREATED),
                task("reopened-and-done-again").append("status", "DONE")));
        List<Document> before = allTasks();
        V003BackfillCompletedAt v003 = new V003BackfillCompletedAt();
        v003.up(database);
        v003.up(database);
        List<Document> afterUp = allTasks();

        v003.down(database);
        v003.down(database);
        assertEquals(before, allTasks(), "up then down restores every document, null and missing alike");
        v003.up(database);
        assertEquals(afterUp, allTasks(), "down then up restores every document");

        Date userCompletion = Date.from(Instant.parse("2026-05-05T05:05:05Z"));
        tasks.updateOne(Filters.eq("_id", "reopened-and-done-again"), Updates.set("completedAt", userCompletion));
        v003.down(database);
        assertEquals(userCompletion, completedAt("reopened-and-done-again"));
        assertFalse(database.listCollectionNames().into(new ArrayList<>()).contains(V003BackfillCompletedAt.BACKFILLED));
    }

    private static Document task(String id) {
        return new Document("_id", id).append("userId", "u1").append("title", "task " + id).append("priority", 2)
                .append("status", "TODO").append("createdAt", CREATED).append("updatedAt", UPDATED)
                .append("version", 1L);
    }

    private List<Document> allTasks() {
        return tasks.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }

    private Object tag(String id) {
        return tasks.find(Filters.eq("_id", id)).first().get("tags");
    }

    private Date completedAt(String id) {
        return tasks.find(Filters.eq("_id", id)).first().getDate("completedAt");
    }

    private Set<String> indexNames(String collection) {
        Set<String> names = new TreeSet<>();
        database.getCollection(collection).listIndexes().forEach(index -> names.add(index.getString("name")));
        return names;
    }
}
