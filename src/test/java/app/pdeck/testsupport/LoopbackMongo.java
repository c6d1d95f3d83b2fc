package app.pdeck.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * A Mongo-wire server for one unit-test class: mongo-java-server with an in-memory H2 backend on a free loopback
 * port (the server ops/run and the integration tests use), and one client to it. Each test takes a fresh database.
 */
public final class LoopbackMongo implements AutoCloseable {

    private final MongoServer server;
    private final MongoClient client;

    public LoopbackMongo() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    public MongoClient client() {
        return client;
    }

    /** A database no other test uses. */
    public MongoDatabase freshDatabase(String prefix) {
        return client.getDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Override
    public void close() {
        client.close();
        server.shutdown();
    }
}
