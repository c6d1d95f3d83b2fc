package app.pdeck.integration;

import app.pdeck.platform.mongo.DocumentIds;
import app.pdeck.platform.problem.ApiException;
import app.pdeck.security.FieldEncryption;
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

/** A user's integrations; tokens are encrypted before they reach the repository. */
// No state of its own: one instance serves every call, without the pool and locks of @Stateless or a container
// lock per call (bean-managed concurrency; every field is a thread-safe injected bean).
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// MongoDB and Redis take no part in JTA: a container transaction per call would only cost time.
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class IntegrationService {

    /** A change that loses this many races in a row gives up with 409 (another client is writing non-stop). */
    static final int WRITE_ATTEMPTS = 5;

    @Inject
    IntegrationRepository repository;

    @Inject
    FieldEncryption encryption;

    @Inject
    IntegrationStore store;

    public Integration create(String userId, IntegrationContent content) {
        Integration integration = new Integration(DocumentIds.next(), userId,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        integration.apply(content, seal(content.accessToken(), integration.getId()));
        repository.insert(integration);
        return integration;
    }

    /** The user's integrations, oldest first (a user has a handful: ordered here, not by a query). */
    public List<Integration> list(String userId) {
        return repository.findByUserId(userId).stream()
                .sorted(java.util.Comparator.comparing(Integration::getCreatedAt).thenComparing(Integration::getId))
                .toList();
    }

    public Integration get(String userId, String id) {
        return find(userId, id).orElseThrow(() -> ApiException.notFound("Integration"));
    }

    /**
     * Replaces the integration; without a new {@code accessToken} the stored one is kept. Written only from the
     * version read: after another write in between it is made again from the new state, or, if the client named the
     * version it saw ({@code expectedVersion}, from {@code If-Match}), refused with 412.
     */
    public Integration replace(String userId, String id, IntegrationContent content, Long expectedVersion) {
        for (int attempt = 1; ; attempt++) {
            Integration integration = get(userId, id);
            if (expectedVersion != null && integration.getVersion() != expectedVersion) {
                throw changedSince(expectedVersion);
            }
            long readVersion = integration.getVersion();
            integration.apply(content, seal(content.accessToken(), id));
            if (store.replaceIfVersion(integration, readVersion, content.accessToken() != null)) {
                integration.changeWritten();
                return integration;
            }
            if (expectedVersion != null) {
                throw changedSince(expectedVersion);
            }
            if (attempt >= WRITE_ATTEMPTS) {
                throw ApiException.conflict("The integration kept changing while this change was made; try again");
            }
        }
    }

    public void delete(String userId, String id) {
        if (!store.delete(userId, id)) {
            throw ApiException.notFound("Integration");
        }
    }

    private static ApiException changedSince(long version) {
        return ApiException.preconditionFailed("The integration has changed since version " + version);
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
