package app.pdeck.testsupport;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Mongo-wire server owned by one unit-test class: mongo-java-server with an in-memory H2 backend on a free
 * loopback port, the same server the integration tests and ops/run use (no sessions, no transactions).
 */
public final class InProcessMongo implements AutoCloseable, AfterAllCallback {

    private final MongoServer server;
    private final String uri;
    private final List<MongoClient> clients = new ArrayList<>();

    public InProcessMongo() {
        server = new MongoServer(H2Backend.inMemory());
        InetSocketAddress address = server.bind();
        uri = "mongodb://127.0.0.1:" + address.getPort();
    }

    /** A new, independent client (its own connection pool), as a second WildFly node would have. */
    public synchronized MongoClient newClient() {
        MongoClient client = MongoClients.create(uri);
        clients.add(client);
        return client;
    }

    /** A database no other test uses, on a client of its own. */
    public MongoDatabase freshDatabase(String prefix) {
        return newClient().getDatabase(prefix + "_" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** Registered with {@code @RegisterExtension} on a static field: the server stops after the class's tests. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        clients.forEach(MongoClient::close);
        server.shutdown();
    }
}
