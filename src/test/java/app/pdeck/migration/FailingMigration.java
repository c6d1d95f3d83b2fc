package app.pdeck.migration;

import com.mongodb.client.MongoDatabase;

/** A test migration whose up always throws, after a partial write (as a real failure might leave). */
class FailingMigration implements Migration {

    private final String version;

    FailingMigration(String version) {
        this.version = version;
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public String description() {
        return "always fails";
    }

    @Override
    public void up(MongoDatabase database) {
        database.getCollection("marks").insertOne(new org.bson.Document("partial", version));
        throw new IllegalStateException("boom in " + version);
    }

    @Override
    public void down(MongoDatabase database) {
    }
}
