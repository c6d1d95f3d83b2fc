import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;

/**
 * Benchmark data: inserts N tasks in the contract's shape (1,000 users) straight through the MongoDB driver.
 * Run by ops/bench/backup-restore as a single-file program on the WAR's libraries:
 * {@code java -cp 'WEB-INF/lib/*' LoadTasks.java <mongodb-uri> <database> <count>}.
 */
public class LoadTasks {

    public static void main(String[] args) {
        String uri = args[0];
        String database = args[1];
        int count = Integer.parseInt(args[2]);
        Random random = new Random(42);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            users.add(UUID.randomUUID().toString());
        }
        String[] statuses = {"TODO", "IN_PROGRESS", "DONE"};
        long start = System.nanoTime();
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> tasks = client.getDatabase(database).getCollection("tasks");
            List<Document> batch = new ArrayList<>(1000);
            long now = System.currentTimeMillis();
            for (int i = 0; i < count; i++) {
                Date created = new Date(now - (long) random.nextInt(365) * 86_400_000L);
                String status = statuses[random.nextInt(3)];
                batch.add(new Document("_id", UUID.randomUUID().toString())
                        .append("userId", users.get(random.nextInt(users.size())))
                        .append("projectId", random.nextBoolean() ? null : UUID.randomUUID().toString())
                        .append("title", "Benchmark task " + i)
                        .append("description", "A task with a description of ordinary length, number " + i
                                + ", to give the documents a realistic size.")
                        .append("priority", random.nextInt(5))
                        .append("dueDate", random.nextBoolean() ? null : new Date(now + random.nextInt(90) * 86_400_000L))
                        .append("status", status)
                        .append("tags", List.of("tag" + random.nextInt(20), "bench"))
                        .append("createdAt", created)
                        .append("updatedAt", created)
                        .append("completedAt", status.equals("DONE") ? created : null)
                        .append("version", 1L));
                if (batch.size() == 1000) {
                    tasks.insertMany(batch, new InsertManyOptions().ordered(false));
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                tasks.insertMany(batch, new InsertManyOptions().ordered(false));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("loaded %d tasks in %.1f s (%.0f docs/s)%n", count, seconds, count / seconds);
    }
}
