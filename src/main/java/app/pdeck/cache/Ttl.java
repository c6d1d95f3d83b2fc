package app.pdeck.cache;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Time-to-live with jitter, so entries written together (e.g. after a deployment) do not expire together. */
final class Ttl {

    private Ttl() {
    }

    /**
     * {@code seconds} ± {@code jitter} (a fraction, 0.10 = ±10 %), in milliseconds, never below one second.
     * {@code random} yields values in [0, 1).
     */
    static long jitteredMillis(long seconds, double jitter, DoubleSupplier random) {
        double factor = 1.0 + jitter * (2.0 * random.getAsDouble() - 1.0);
        return Math.max(1000L, Math.round(seconds * 1000.0 * factor));
    }

    static long jitteredMillis(long seconds, double jitter) {
        return jitteredMillis(seconds, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }
}
