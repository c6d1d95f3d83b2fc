package app.pdeck.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated users: each one registers, signs in, then creates, patches, deletes and lists its own tasks with think
 * times in between, from a fixed seed, until its operation budget or the run's time is used up. Every request is
 * recorded as an {@link Event}; the acknowledged writes among them are the ledger the {@link Checker} holds the
 * service to.
 */
public final class Workload {

    /** How much load, for how long. */
    public record Settings(String baseUrl, int users, long seed, Duration duration, int opsPerUser,
                           int thinkMillis, int maxTasksPerUser, String runId) {
    }

    /** A simulated user's account. */
    public record User(int index, String email, String password) {
    }

    static final long START_NANOS = System.nanoTime();
    static final long START_MICROS = System.currentTimeMillis() * 1000;

    /** Microseconds since the epoch, from the monotonic clock: ordering within a run never goes backwards. */
    public static long nowMicros() {
        return START_MICROS + (System.nanoTime() - START_NANOS) / 1000;
    }

    private final Settings settings;
    private final Api api;
    private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
    private final BufferedWriter out;
    private final AtomicLong requests = new AtomicLong();

    public Workload(Settings settings, Path historyFile) {
        this.settings = settings;
        this.api = new Api(settings.baseUrl(), Duration.ofSeconds(10));
        try {
            if (historyFile != null) {
                Files.createDirectories(historyFile.toAbsolutePath().getParent());
                this.out = Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8);
            } else {
                this.out = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<User> users() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < settings.users(); i++) {
            users.add(new User(i, "chaos-" + settings.runId() + "-" + i + "@chaos.pdeck.test",
                    "chaos-password-" + settings.seed() + "-" + i));
        }
        return users;
    }

    /** Signs every user in, then runs every user to the end of its budget; returns the history. */
    public List<Event> run() throws InterruptedException {
        return run(null);
    }

    /**
     * @param readyFile created once every user has signed in and the load begins (fault scripts wait for it)
     */
    public List<Event> run(Path readyFile) throws InterruptedException {
        List<SimulatedUser> simulated = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long signInDeadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (User user : users()) {
            SimulatedUser u = new SimulatedUser(user);
            simulated.add(u);
            Thread t = new Thread(() -> u.signIn(signInDeadline), "chaos-sign-in-" + user.index());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (readyFile != null) {
            try {
                Files.writeString(readyFile, Long.toString(System.currentTimeMillis()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long deadline = System.nanoTime() + settings.duration().toNanos();
        threads.clear();
        for (SimulatedUser u : simulated) {
            Thread t = new Thread(() -> u.run(deadline), "chaos-user-" + u.user.index());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(events);
    }

    private void record(Event e) {
        events.add(e);
        requests.incrementAndGet();
        if (out != null) {
            synchronized (out) {
                try {
                    out.write(e.toJson());
                    out.newLine();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    /** What one user believes it has: id → version (-1 when a write's outcome is unknown). */
    private final class SimulatedUser {
        private final User user;
        private final Random random;
        private final Map<String, Long> tasks = new LinkedHashMap<>();
        private String token;
        private int serial;

        SimulatedUser(User user) {
            this.user = user;
            this.random = new Random(settings.seed() * 1_000_003L + user.index());
        }

        void signIn(long deadline) {
            while (token == null && System.nanoTime() < deadline) {
                token = api.registerAndLogin(user.email(), user.password());
                if (token == null) {
                    Api.sleep(500);
                }
            }
        }

        void run(long deadline) {
            if (token == null) {
                return;
            }
            for (int op = 0; op < settings.opsPerUser() && System.nanoTime() < deadline; op++) {
                think();
                int dice = random.nextInt(100);
                if (tasks.isEmpty() || (dice < 35 && tasks.size() < settings.maxTasksPerUser())) {
                    create();
                } else if (tasks.size() >= settings.maxTasksPerUser() || dice < 45) {
                    delete(pick());
                } else if (dice < 70) {
                    patch(pick());
                } else {
                    list();
                }
            }
        }

        private void think() {
            // Exponential think time around the mean, capped: bursts and pauses, as people do.
            double mean = settings.thinkMillis();
            long ms = (long) Math.min(mean * 5, -mean * Math.log(1 - random.nextDouble()));
            Api.sleep(ms);
        }

        private String pick() {
            List<String> ids = new ArrayList<>(tasks.keySet());
            return ids.get(random.nextInt(ids.size()));
        }

        private void create() {
            String title = "u" + user.index() + " task " + (++serial);
            int priority = random.nextInt(5);
            String body = Json.write(Map.of("title", title, "priority", priority,
                    "tags", List.of("chaos", "t" + random.nextInt(5))));
            long t0 = nowMicros();
            Api.Answer a = send("POST", "/api/v1/tasks", body, null);
            long t1 = nowMicros();
            String id = null;
            long version = -1;
            if (a.ok()) {
                Map<String, Object> task = a.json();
                id = (String) task.get("id");
                version = ((Number) task.get("version")).longValue();
                tasks.put(id, version);
            }
            record(new Event(user.index(), Event.CREATE, t0, t1, a.status(), a.error(), id, version, title, priority,
                    null, null, false));
        }

        private void patch(String id) {
            String title = "u" + user.index() + " edit " + (++serial);
            int priority = random.nextInt(5);
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("title", title);
            patch.put("priority", priority);
            if (random.nextInt(4) == 0) {
                patch.put("status", random.nextBoolean() ? "IN_PROGRESS" : "TODO");
            }
            Long known = tasks.get(id);
            // Half the patches are conditional on the version this user last saw (412 if someone else won).
            String ifMatch = known != null && known >= 0 && random.nextBoolean() ? "\"" + known + "\"" : null;
            long t0 = nowMicros();
            Api.Answer a = send("PATCH", "/api/v1/tasks/" + id, Json.write(patch), ifMatch);
            long t1 = nowMicros();
            long version = -1;
            if (a.ok()) {
                version = ((Number) a.json().get("version")).longValue();
                tasks.put(id, version);
            } else if (a.status() == 404) {
                tasks.remove(id);
            } else if (a.status() != 412) {
                tasks.put(id, -1L);
            }
            record(new Event(user.index(), Event.PATCH, t0, t1, a.status(), a.error(), id, version,
                    a.ok() ? title : null, priority, null, null, false));
        }

        private void delete(String id) {
            long t0 = nowMicros();
            Api.Answer a = send("DELETE", "/api/v1/tasks/" + id, null, null);
            long t1 = nowMicros();
            if (a.ok() || a.status() == 404) {
                tasks.remove(id);
            }
            record(new Event(user.index(), Event.DELETE, t0, t1, a.status(), a.error(), id, -1, null, 0, null, null,
                    false));
        }

        private void list() {
            long t0 = nowMicros();
            Api.Answer a = send("GET", "/api/v1/tasks?size=200&sort=-createdAt", null, null);
            long t1 = nowMicros();
            List<String> ids = new ArrayList<>();
            List<Long> versions = new ArrayList<>();
            boolean complete = false;
            if (a.status() == 200) {
                Map<String, Object> page = a.json();
                for (Object item : (List<?>) page.get("items")) {
                    Map<?, ?> task = (Map<?, ?>) item;
                    ids.add((String) task.get("id"));
                    versions.add(((Number) task.get("version")).longValue());
                }
                complete = ((Number) page.get("total")).longValue() <= ids.size();
            }
            record(new Event(user.index(), Event.LIST, t0, t1, a.status(), a.error(), null, -1, null, 0, ids,
                    versions, complete));
        }

        private Api.Answer send(String method, String path, String body, String ifMatch) {
            Map<String, String> headers = ifMatch == null ? null : Map.of("If-Match", ifMatch);
            Api.Answer a = api.call(method, path, token, null, body, headers);
            if (a.status() == 401) {
                // A token can expire during a long run (or a clock jump); sign in again for the next request.
                String fresh = api.login(user.email(), user.password());
                if (fresh != null) {
                    token = fresh;
                }
            }
            return a;
        }
    }
}
