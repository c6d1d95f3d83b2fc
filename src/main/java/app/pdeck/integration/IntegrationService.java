package app.pdeck.integration;

import app.pdeck.platform.mongo.MongoConnection;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.FieldEncryption;
import com.mongodb.client.model.Filters;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A user's integrations; tokens are encrypted before they reach the repository. */
// No state of its own: one instance serves every call, without the pool and locks of @Stateless or a container
// lock per call (bean-managed concurrency; every field is a thread-safe injected bean).
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// MongoDB and Redis take no part in JTA: a container transaction per call would only cost time.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class IntegrationService {

    @Inject
    IntegrationRepository repository;

    @Inject
    FieldEncryption encryption;

    @Inject
    MongoConnection mongo;

    public Integration create(String userId, IntegrationContent content) {
        Integration integration = new Integration(UUID.randomUUID().toString(), userId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        integration.apply(content, seal(content.accessToken(), integration.getId()));
        repository.insert(integration);
        return integration;
    }

    public List<Integration> list(String userId) {
        return repository.findByUserId(userId);
    }

    public Integration get(String userId, String id) {
        return find(userId, id).orElseThrow(() -> ApiException.notFound("Integration"));
    }

    /** Replaces the integration; without a new {@code accessToken} the stored one is kept. */
    public Integration replace(String userId, String id, IntegrationContent content) {
        Integration integration = get(userId, id);
        integration.apply(content, seal(content.accessToken(), id));
        return repository.save(integration);
    }

    public void delete(String userId, String id) {
        get(userId, id);
        mongo.database().getCollection("integrations")
                .deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("userId", userId)));
    }

    /** The plain access token, for the code that calls the outside service; never for the REST API. */
    public Optional<String> accessToken(String userId, String id) {
        Integration integration = get(userId, id);
        return Optional.ofNullable(integration.getAccessToken()).map(token -> encryption.decrypt(token, id));
    }

    private app.pdeck.security.EncryptedValue seal(String token, String id) {
        return token == null ? null : encryption.encrypt(token, id);
    }

    private Optional<Integration> find(String userId, String id) {
        if (id == null || id.length() > 64) {
            return Optional.empty();
        }
        return repository.findByIdAndUserId(id, userId);
    }
}
