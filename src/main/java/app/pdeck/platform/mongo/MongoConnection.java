package app.pdeck.platform.mongo;

import app.pdeck.platform.ClientRetirement;
import app.pdeck.platform.TrustStores;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.MongoCredential;
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
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the application's current {@link MongoClient}, built from MicroProfile Config and closed on undeploy.
 * Every MongoDB access, JNoSQL's included, goes through this client. When the configured credentials change
 * (rotation), {@link #refresh(boolean)} swaps in a new client and closes the old one after the drain period, so
 * callers ask {@link #client()} / {@link #database()} for every use.
 */
@ApplicationScoped
public class MongoConnection {

    @Inject
    Logger log;

    @Inject
    Config config;

    @Inject
    ClientRetirement retirement;

    @Inject
    ReadPolicy readPolicy;

    @Inject
    @ConfigProperty(name = "mongodb.database")
    String databaseName;

    @Inject
    @ConfigProperty(name = "mongodb.pool.max-size")
    volatile int poolMaxSize;

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

    private record Active(MongoClient client, MongoSettings settings) {
    }

    private volatile Active active;
    private CompletionStage<Void> lastRetirement = CompletableFuture.completedFuture(null);

    @PostConstruct
    void open() {
        readPolicy.checkAll();
        MongoSettings settings = MongoSettings.from(config);
        active = new Active(MongoClients.create(settings(settings)), settings);
        log.info(() -> "MongoDB client created for " + settings + ", database " + databaseName);
    }

    MongoClientSettings settings(MongoSettings mongo) {
        // Settings given explicitly in the URI (e.g. ?maxPoolSize=) win over the pdeck defaults below.
        ConnectionString connectionString = new ConnectionString(mongo.uri());
        MongoClientSettings.Builder builder = MongoClientSettings.builder()
                .applicationName("pdeck-data-service")
                // A 2xx write survives a primary failover; retried once by the driver on a replica set or mongos.
                .writeConcern(WriteConcern.MAJORITY)
                .retryWrites(true)
                // A user reads their own writes: every read that names no other ReadPolicy use.
                .readPreference(readPolicy.forUse(ReadPolicy.Use.USER_DATA))
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
        builder.applyConnectionString(connectionString);
        applySecurity(builder, mongo);
        return builder.build();
    }

    /**
     * Credentials from {@code mongodb.username}/{@code mongodb.password} (over any in the URI) and, when the URI
     * enables TLS, the trust store of {@code mongodb.tls.trust-store} for a private CA.
     */
    static void applySecurity(MongoClientSettings.Builder builder, MongoSettings mongo) {
        if (mongo.separateCredentials()) {
            builder.credential(MongoCredential.createCredential(mongo.username(), mongo.authSource(),
                    mongo.password().toCharArray()));
        }
        if (mongo.trustStore() != null) {
            SSLContext context = TrustStores.context(Path.of(mongo.trustStore()), mongo.trustStoreType(),
                    mongo.trustStorePassword(), "mongodb.tls.trust-store");
            builder.applyToSslSettings(ssl -> ssl.context(context));
        }
    }

    public MongoClient client() {
        return active.client();
    }

    public MongoDatabase database() {
        return active.client().getDatabase(databaseName);
    }

    public String databaseName() {
        return databaseName;
    }

    /** The settings of the current client (its password included: never log more than {@code toString()}). */
    public MongoSettings currentSettings() {
        return active.settings();
    }

    /**
     * Builds a new client when the configured settings differ from the current client's (or always, with
     * {@code force}) and swaps it in.
     *
     * @return when a swap happened, the moment the replaced client is closed
     */
    public synchronized Optional<CompletionStage<Void>> refresh(boolean force) {
        MongoSettings next = MongoSettings.from(config);
        Active previous = active;
        if (!force && next.equals(previous.settings())) {
            return Optional.empty();
        }
        active = new Active(MongoClients.create(settings(next)), next);
        log.info(() -> "MongoDB client replaced: now " + next);
        lastRetirement = retirement.retire("MongoDB client", previous.client()::close);
        return Optional.of(lastRetirement);
    }

    /** The largest connection pool per server of the current client: {@code mongodb.pool.max-size} or a resize. */
    public int poolMaxSize() {
        return poolMaxSize;
    }

    /**
     * Swaps in a client whose pool holds at most {@code maxSize} connections per server, the way a credential
     * rotation swaps: calls already running finish on the old client, which is closed after the drain period.
     *
     * @return the moment the replaced client is closed
     */
    public synchronized CompletionStage<Void> resizePool(int maxSize) {
        int previous = poolMaxSize;
        poolMaxSize = maxSize;
        try {
            return refresh(true).orElseThrow();
        } catch (RuntimeException e) {
            poolMaxSize = previous;
            throw e;
        }
    }

    /**
     * Applies the configured settings now, unless the credential-store watcher already did, and tells when the client
     * they replaced is closed.
     */
    public synchronized CompletionStage<Void> applyConfigured() {
        return refresh(false).orElse(lastRetirement);
    }

    @PreDestroy
    void close() {
        if (active != null) {
            active.client().close();
            log.info("MongoDB client closed");
        }
    }
}
