package app.pdeck.platform.mongo;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.mapping.Database;
import org.eclipse.jnosql.mapping.DatabaseType;

/**
 * Gives JNoSQL's templates and Jakarta Data repositories a manager on the application's own
 * {@link MongoConnection}, so there is one client, one pool and one set of settings (JNoSQL's default
 * would build a second client from its own keys). The manager follows {@link MongoConnection}'s current client, so
 * a rotated credential reaches every repository.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class JnosqlDatabaseManagerProducer {

    @Inject
    MongoConnection connection;

    @Produces
    @Default
    @Database(DatabaseType.DOCUMENT)
    @ApplicationScoped
    DatabaseManager databaseManager() {
        return new CurrentDatabaseManager(connection);
    }

    void release(@Disposes @Default @Database(DatabaseType.DOCUMENT) DatabaseManager manager) {
        // The client belongs to MongoConnection, which closes it; closing the manager here would close it twice.
    }
}
