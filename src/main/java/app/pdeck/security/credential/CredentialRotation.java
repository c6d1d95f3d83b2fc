package app.pdeck.security.credential;

import app.pdeck.platform.problem.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.locks.ReentrantLock;

/** Runs one credential rotation at a time on this node; the credential store must exist. */
@ApplicationScoped
public class CredentialRotation {

    @Inject
    RedisCredentialRotation redis;

    @Inject
    MongoCredentialRotation mongo;

    private final ReentrantLock running = new ReentrantLock();

    public RotationReport rotate(String name) {
        SecretStore store = SecretStore.shared();
        if (!"redis".equals(name) && !"mongo".equals(name)) {
            throw ApiException.notFound("Rotatable credential '" + name + "' (known: redis, mongo)");
        }
        if (!store.configured()) {
            throw ApiException.conflict("no credential store: set PDECK_CREDENTIAL_STORE_PASSWORD and run "
                    + "ops/credentials init (docs/security.md)");
        }
        if (!running.tryLock()) {
            throw ApiException.conflict("another credential rotation is running on this node");
        }
        try {
            return "redis".equals(name) ? redis.rotate(store) : mongo.rotate(store);
        } finally {
            running.unlock();
        }
    }
}
