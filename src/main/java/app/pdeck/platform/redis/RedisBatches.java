package app.pdeck.platform.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.client.RedisException;

/**
 * Runs Redisson batches so that every failure arrives the same way. A client connects on its first command
 * (lazy initialization); for a single command a failed connection fails the command's future, but for a batch
 * Redisson throws it from {@code executeAsync} itself. A caller that handles "Redis unavailable" on the future
 * (falling back to MongoDB, keeping a write for later) would otherwise let it escape as an unexpected error: it did,
 * as a 500 for a read right after a Redis credential change that Redis refused.
 */
public final class RedisBatches {

    private RedisBatches() {
    }

    /** {@code batch.executeAsync()}, with a failure Redisson throws at once turned into a failed stage. */
    public static CompletionStage<BatchResult<?>> execute(RBatch batch) {
        try {
            return batch.executeAsync();
        } catch (RedisException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
