package app.pdeck.platform.mongo;

import app.pdeck.platform.ConnectionStrings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.ConnectionPoolListener;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the application's one {@link MongoClient}, built from MicroProfile Config and closed on undeploy.
 * Every MongoDB access, JNoSQL's included, goes through this client.
 */
@ApplicationScoped
public class MongoConnection {

    @Inject
    Logger log;

    @Inject
    @ConfigProperty(name = "mongodb.uri")
    String uri;

    @Inject
    @ConfigProperty(name = "mongodb.database")
    String databaseName;

    @Inject
    @ConfigProperty(name = "mongodb.pool.max-size")
    int poolMaxSize;

    @Inject
    @ConfigProperty(name = "mongodb.pool.min-size")
    int poolMinSize;

    @Inject
    @ConfigProperty(name = "mongodb.pool.max-wait-ms")
    long poolMaxWaitMs;

    @Inject
    @ConfigProperty(name = "mongodb.connect-timeout-ms")
    int connectTimeoutMs;

    @Inject
    @ConfigProperty(name = "mongodb.socket-timeout-ms")
    int socketTimeoutMs;

    @Inject
    @ConfigProperty(name = "mongodb.server-selection-timeout-ms")
    long serverSelectionTimeoutMs;

    /** Observers of the driver (metrics, query inspection) are CDI beans, so features add them without touching this class. */
    @Inject
    Instance<CommandListener> commandListeners;

    @Inject
    Instance<ConnectionPoolListener> poolListeners;

    private MongoClient client;

    @PostConstruct
    void open() {
        client = MongoClients.create(settings());
        log.info(() -> "MongoDB client created for " + ConnectionStrings.redact(uri) + ", database " + databaseName);
    }

    MongoClientSettings settings() {
        // Settings given explicitly in the URI (e.g. ?maxPoolSize=) win over the pdeck defaults below.
        ConnectionString connectionString = new ConnectionString(uri);
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applicationName("pdeck-data-service")
                // A 2xx write survives a primary failover; retried once by the driver on a replica set or mongos.
                .writeConcern(WriteConcern.MAJORITY)
                .retryWrites(true)
                .applyToConnectionPoolSettings(pool -> pool
                        .maxSize(poolMaxSize)
                        .minSize(poolMinSize)
                        .maxWaitTime(poolMaxWaitMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket
                        .connectTimeout(connectTimeoutMs, TimeUnit.MILLISECONDS)
                        .readTimeout(socketTimeoutMs, TimeUnit.MILLISECONDS))
                .applyToClusterSettings(cluster -> cluster
                        .serverSelectionTimeout(serverSelectionTimeoutMs, TimeUnit.MILLISECONDS));
        commandListeners.forEach(builder::addCommandListener);
        builder.applyToConnectionPoolSettings(pool -> poolListeners.forEach(pool::addConnectionPoolListener));
        return builder.applyConnectionString(connectionString).build();
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    public String databaseName() {
        return databaseName;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
            log.info("MongoDB client closed");
        }
    }
}
