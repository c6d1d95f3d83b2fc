package app.pdeck.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.BackendProcess;
import app.pdeck.testsupport.Deployments;
import app.pdeck.testsupport.TestBackends;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The chaos suite's smoke run in CI (a few seconds per fault): simulated users write while a backend is killed,
 * paused or restarted, and the checker must find every acknowledged write afterwards; the fuzzer must get no 5xx.
 * The full scenarios (node kill behind haproxy, backup and archive faults, full disk, clock jump, soak) run by hand
 * with {@code ops/chaos/run} and {@code ops/chaos/soak}.
 */
@ExtendWith(ArquillianExtension.class)
class ChaosSmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void noAcknowledgedWriteIsLostOrReadStaleWhenRedisIsKilledAndRestartedMidRun() throws Exception {
        BackendProcess redis = TestBackends.get().redis();
        Map<String, Object> figures = runWithFault("redis-kill", () -> {
            redis.kill();
            Api.sleep(1500);
            redis.start();
        });
        assertEquals(0, figures.get("5xx"), "a Redis outage must not surface as 5xx: " + figures);
    }

    @Test
    void noAcknowledgedWriteIsLostOrReadStaleWhileRedisIsPaused() throws Exception {
        BackendProcess redis = TestBackends.get().redis();
        Map<String, Object> figures = runWithFault("redis-pause", () -> {
            signal("STOP", redis.pid());
            try {
                Api.sleep(3000);
            } finally {
                signal("CONT", redis.pid());
            }
        });
        assertEquals(0, figures.get("5xx"), "a paused Redis must not surface as 5xx: " + figures);
    }

    @Test
    void noAcknowledgedWriteIsLostWhenMongoDbIsKilledAndRestartedMidRun() throws Exception {
        BackendProcess mongo = TestBackends.get().mongo();
        runWithFault("mongo-kill", () -> {
            mongo.kill();
            Api.sleep(1500);
            mongo.start();
        });
    }

    @Test
    void hostileInputIsAnsweredWithProblemJsonNeverA5xxAndNothingRefusedIsStored() {
        Fuzz fuzz = new Fuzz(base.toString(), 7);
        Map<String, Object> result = fuzz.execute(120);
        assertTrue(fuzz.violations().isEmpty(), "fuzz violations: " + fuzz.violations());
        assertTrue(((Number) result.get("requests")).intValue() >= 120);
    }

    /** Runs the workload for a few seconds, injects the fault one second into the load, checks, returns figures. */
    private Map<String, Object> runWithFault(String name, Runnable fault) throws Exception {
        Path dir = Path.of("target", "chaos-smoke", name);
        Files.createDirectories(dir);
        Path ready = dir.resolve("workload.ready");
        Files.deleteIfExists(ready);
        Workload workload = new Workload(new Workload.Settings(base.toString(), 3, 42, Duration.ofSeconds(7), 10_000,
                100, 30, name + "-" + System.nanoTime()), dir.resolve("history.jsonl"));
        List<Event>[] history = new List[1];
        Thread load = new Thread(() -> {
            try {
                history[0] = workload.run(ready);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chaos-smoke-load");
        load.start();
        awaitFile(ready, load);
        Api.sleep(1000);
        long start = Workload.nowMicros();
        fault.run();
        long end = Workload.nowMicros();
        load.join(120_000);
        assertTrue(new Api(base.toString(), Duration.ofSeconds(5)).awaitUp(Duration.ofSeconds(60)),
                "the service did not answer after " + name);
        Checker.Result result = Checker.check(history[0], new FinalReader(base.toString()).read(workload.users()));
        Map<String, Object> figures = Summary.of(history[0], new Summary.Window(start, end));
        figures.put("check", result.toMap());
        Files.writeString(dir.resolve("summary.json"), Json.write(figures));
        assertTrue(result.acknowledgedWrites() > 0, "the workload wrote nothing: " + figures);
        assertTrue(result.ok(), name + ": " + result.details());
        return figures;
    }

    private static void awaitFile(Path file, Thread load) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file)) {
            if (!load.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the workload's users did not sign in");
            }
            Thread.sleep(50);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
