package app.pdeck.platform.mongo;

import com.mongodb.client.MongoClient;
import jakarta.data.page.CursoredPage;
import jakarta.data.page.PageRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jnosql.communication.semistructured.CommunicationEntity;
import org.eclipse.jnosql.communication.semistructured.CommunicationPreparedStatement;
import org.eclipse.jnosql.communication.semistructured.DatabaseManager;
import org.eclipse.jnosql.communication.semistructured.DeleteQuery;
import org.eclipse.jnosql.communication.semistructured.SelectQuery;
import org.eclipse.jnosql.communication.semistructured.UpdateQuery;
import org.eclipse.jnosql.databases.mongodb.communication.MongoDBDocumentConfiguration;

/**
 * JNoSQL's manager on whatever client {@link MongoConnection} holds at the moment of each call, so repositories and
 * templates follow a client swap (credential rotation) without being rebuilt. One JNoSQL manager per client is kept;
 * it is never closed here because the client belongs to {@link MongoConnection}.
 */
final class CurrentDatabaseManager implements DatabaseManager {

    private final MongoConnection connection;
    private volatile Bound bound;

    private record Bound(MongoClient client, DatabaseManager manager) {
    }

    CurrentDatabaseManager(MongoConnection connection) {
        this.connection = connection;
    }

    private DatabaseManager current() {
        MongoClient client = connection.client();
        Bound seen = bound;
        if (seen == null || seen.client() != client) {
            seen = new Bound(client,
                    new MongoDBDocumentConfiguration().get(client).apply(connection.databaseName()));
            bound = seen;
        }
        return seen.manager();
    }

    @Override
    public String name() {
        return connection.databaseName();
    }

    @Override
    public CommunicationEntity insert(CommunicationEntity entity) {
        return current().insert(entity);
    }

    @Override
    public CommunicationEntity insert(CommunicationEntity entity, Duration ttl) {
        return current().insert(entity, ttl);
    }

    @Override
    public Iterable<CommunicationEntity> insert(Iterable<CommunicationEntity> entities) {
        return current().insert(entities);
    }

    @Override
    public Iterable<CommunicationEntity> insert(Iterable<CommunicationEntity> entities, Duration ttl) {
        return current().insert(entities, ttl);
    }

    @Override
    public CommunicationEntity update(CommunicationEntity entity) {
        return current().update(entity);
    }

    @Override
    public Iterable<CommunicationEntity> update(Iterable<CommunicationEntity> entities) {
        return current().update(entities);
    }

    @Override
    public Iterable<CommunicationEntity> update(UpdateQuery query) {
        return current().update(query);
    }

    @Override
    public void delete(DeleteQuery query) {
        current().delete(query);
    }

    @Override
    public Stream<CommunicationEntity> select(SelectQuery query) {
        return current().select(query);
    }

    @Override
    public long count(SelectQuery query) {
        return current().count(query);
    }

    @Override
    public boolean exists(SelectQuery query) {
        return current().exists(query);
    }

    @Override
    public Stream<CommunicationEntity> query(String query) {
        return current().query(query);
    }

    @Override
    public Stream<CommunicationEntity> query(String query, String entity) {
        return current().query(query, entity);
    }

    @Override
    public CommunicationPreparedStatement prepare(String query) {
        return current().prepare(query);
    }

    @Override
    public CommunicationPreparedStatement prepare(String query, String entity) {
        return current().prepare(query, entity);
    }

    @Override
    public Optional<CommunicationEntity> singleResult(SelectQuery query) {
        return current().singleResult(query);
    }

    @Override
    public CursoredPage<CommunicationEntity> selectCursor(SelectQuery query, PageRequest pageRequest) {
        return current().selectCursor(query, pageRequest);
    }

    @Override
    public long count(String documentCollection) {
        return current().count(documentCollection);
    }

    @Override
    public void close() {
        // The clients belong to MongoConnection, which closes them.
    }
}
