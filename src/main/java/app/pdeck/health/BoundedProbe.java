package app.pdeck.health;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Runs one backend probe with a hard time limit, so a dead or frozen backend turns readiness DOWN quickly
 * instead of holding the probe for the client's own (much longer) timeouts.
 */
final class BoundedProbe {

    private BoundedProbe() {
    }

    static HealthCheckResponse run(String name, ManagedExecutorService executor, long timeoutMs, Callable<String> probe) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        long started = System.nanoTime();
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try {
                return probe.call();
            } catch (Exception e) {
                throw new ProbeFailure(e);
            }
        }, executor);
        try {
            String detail = result.get(timeoutMs, TimeUnit.MILLISECONDS);
            return response.up().withData("detail", detail).withData("latencyMs", elapsedMs(started)).build();
        } catch (TimeoutException e) {
            result.cancel(true);
            return response.down().withData("error", "no answer within " + timeoutMs + " ms").build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof ProbeFailure failure ? failure.getCause() : e.getCause();
            return response.down().withData("error", describe(cause)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("error", "probe interrupted").build();
        }
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private static final class ProbeFailure extends RuntimeException {
        ProbeFailure(Throwable cause) {
            super(cause);
        }
    }
}
