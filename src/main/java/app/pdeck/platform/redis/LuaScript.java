package app.pdeck.platform.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.Codec;
import org.redisson.client.codec.StringCodec;

/**
 * A server-side script called by its SHA-1 ({@code EVALSHA}), so a call on the request path sends the keys and
 * arguments, not the script's text. Redis forgets scripts when it restarts or fails over; the one call that then
 * answers {@code NOSCRIPT} is sent again with the text ({@code EVAL}), which loads it for the next ones.
 */
public final class LuaScript {

    private final String text;
    private final String sha;

    public LuaScript(String text) {
        this.text = text;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the script on the keys' node; values are strings, the answer as Redis gives it (a list for tables). */
    public <R> CompletionStage<R> call(RedissonClient redis, RScript.ReturnType returns, List<Object> keys,
                                       Object... args) {
        RScript script = redis.getScript(StringCodec.INSTANCE);
        CompletableFuture<R> result = new CompletableFuture<>();
        script.<R>evalShaAsync(RScript.Mode.READ_WRITE, sha, returns, keys, args).whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (isNoScript(error)) {
                script.<R>evalAsync(RScript.Mode.READ_WRITE, text, returns, keys, args).whenComplete((v, e) -> {
                    if (e == null) {
                        result.complete(v);
                    } else {
                        result.completeExceptionally(e);
                    }
                });
            } else {
                result.completeExceptionally(error);
            }
        });
        return result;
    }

    /**
     * Queues the script in a batch, by its SHA-1 only: if Redis does not know it, the batch fails with
     * {@code NOSCRIPT} ({@link #isNoScript}), and a {@link #call} loads it for the next batches.
     */
    public <R> RFuture<R> queue(RBatch batch, Codec codec, RScript.ReturnType returns, List<Object> keys,
                                Object... args) {
        return batch.getScript(codec).evalShaAsync(RScript.Mode.READ_WRITE, sha, returns, keys, args);
    }

    String sha() {
        return sha;
    }

    /** Whether Redis answered that it does not know a script (restarted or failed over since it was loaded). */
    public static boolean isNoScript(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }
}
