package app.pdeck.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.as.arquillian.container.ManagementClient;

/**
 * Signed-in API traffic from a few threads while something else happens (a credential rotation, a pool resize):
 * each thread lists the user's tasks and, with {@code alsoCreates}, creates one every other request. Every answer
 * that is not 2xx, and every request that got no answer, is a failure. The per-user API budget is switched off
 * while it runs: a few threads without think time exceed 6,000 requests a minute on a fast machine, and the
 * budget's 429s are not what the tests using this traffic are about ({@code AbuseLimitIT} tests the budget).
 */
public final class ApiTraffic implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ServerProperties unlimited;

    public ApiTraffic(ManagementClient management, URI tasks, String bearer, int threadCount, boolean alsoCreates) {
        unlimited = new ServerProperties(management).set("pdeck.ratelimit.api.permits", "0");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < threadCount; i++) {
            int thread = i;
            Thread worker = new Thread(() -> {
                long n = 0;
                while (running.get()) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(tasks).header("Authorization", bearer)
                            .timeout(Duration.ofSeconds(20));
                    if (alsoCreates && n++ % 2 == 1) {
                        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                                .ofString("{\"title\":\"t" + thread + "-" + n + "\"}"));
                    }
                    try {
                        HttpResponse<String> response = http.send(request.build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 != 2) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                    requests.incrementAndGet();
                }
            }, "api-traffic-" + i);
            worker.start();
            threads.add(worker);
        }
    }

    public long requests() {
        return requests.get();
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }

    /** Lets every thread finish its request in flight, then returns. */
    public void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        unlimited.close();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
