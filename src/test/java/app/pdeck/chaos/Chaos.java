package app.pdeck.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Command line of the chaos suite, run by {@code ops/chaos/*} from {@code target/test-classes} with the JDK alone:
 * <pre>
 * workload  --url U --dir D [--users 8] [--seed 42] [--seconds 60] [--ops 10000] [--think-ms 150] [--max-tasks 40]
 * seed      --url U --dir D --users N --tasks M [--status DONE]   accounts with bulk-created tasks, as a ledger
 * check     --url U --dir D         read every user back, judge the history; exit 1 on any violation
 * summarize --dir D --scenario S    figures of the run (faults.jsonl holds the fault window) → summary.json
 * report    [--root target/chaos]   Markdown table and PNG charts of every summarized scenario
 * fuzz      --url U --dir D [--cases 600] [--seed 7]   hostile input against every endpoint; exit 1 on a 5xx
 * </pre>
 */
public final class Chaos {

    private Chaos() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Map<String, String> o = options(args);
        int exit = switch (args[0]) {
            case "workload" -> workload(o);
            case "seed" -> seed(o);
            case "check" -> check(o);
            case "summarize" -> summarize(o);
            case "report" -> Report.write(Path.of(o.getOrDefault("root", "target/chaos")));
            case "fuzz" -> Fuzz.run(o.get("url"), dir(o), Integer.parseInt(o.getOrDefault("cases", "600")),
                    Long.parseLong(o.getOrDefault("seed", "7")));
            default -> {
                usage();
                yield 2;
            }
        };
        System.exit(exit);
    }

    private static int workload(Map<String, String> o) throws Exception {
        Path dir = dir(o);
        Workload.Settings settings = new Workload.Settings(o.get("url"), Integer.parseInt(o.getOrDefault("users", "8")),
                Long.parseLong(o.getOrDefault("seed", "42")),
                Duration.ofSeconds(Long.parseLong(o.getOrDefault("seconds", "60"))),
                Integer.parseInt(o.getOrDefault("ops", "10000")), Integer.parseInt(o.getOrDefault("think-ms", "150")),
                Integer.parseInt(o.getOrDefault("max-tasks", "40")),
                o.getOrDefault("run-id", Long.toString(System.currentTimeMillis(), 36)));
        Workload workload = new Workload(settings, dir.resolve("history.jsonl"));
        writeUsers(dir.resolve("users.json"), workload.users());
        List<Event> events = workload.run(dir.resolve("workload.ready"));
        System.out.printf("workload: %d requests by %d users%n", events.size(), settings.users());
        return 0;
    }

    /** Accounts whose tasks are created in bulk (e.g. DONE tasks for the archive job), recorded as a ledger. */
    private static int seed(Map<String, String> o) throws IOException {
        Path dir = dir(o);
        Api api = new Api(o.get("url"), Duration.ofSeconds(60));
        int users = Integer.parseInt(o.get("users"));
        int tasks = Integer.parseInt(o.get("tasks"));
        String status = o.getOrDefault("status", "DONE");
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Workload.User> accounts = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Workload.User user = new Workload.User(10_000 + u, "chaos-seed-" + runId + "-" + u + "@chaos.pdeck.test",
                    "chaos-seed-password-" + u);
            String token = api.registerAndLogin(user.email(), user.password());
            if (token == null) {
                throw new IllegalStateException("cannot register " + user.email());
            }
            accounts.add(user);
            for (int done = 0; done < tasks; done += 500) {
                List<Object> batch = new ArrayList<>();
                for (int i = done; i < Math.min(tasks, done + 500); i++) {
                    batch.add(Map.of("title", "seed " + u + "/" + i, "priority", i % 5, "status", status,
                            "description", "A seeded task with a description of ordinary length, number " + i));
                }
                long t0 = Workload.nowMicros();
                Api.Answer a = api.call("POST", "/api/v1/tasks/bulk", token, Json.write(Map.of("tasks", batch)));
                long t1 = Workload.nowMicros();
                if (a.status() != 201) {
                    throw new IllegalStateException("bulk create answered " + a.status() + ": " + a.body());
                }
                for (Object item : (List<?>) a.json().get("items")) {
                    Map<?, ?> t = (Map<?, ?>) item;
                    lines.add(new Event(user.index(), Event.CREATE, t0, t1, 201, null, (String) t.get("id"),
                            ((Number) t.get("version")).longValue(), (String) t.get("title"),
                            ((Number) t.get("priority")).intValue(), null, null, false).toJson());
                }
            }
        }
        Files.createDirectories(dir);
        Files.write(dir.resolve("history-seed.jsonl"), lines, StandardCharsets.UTF_8);
        writeUsers(dir.resolve("users-seed.json"), accounts);
        System.out.printf("seed: %d users × %d %s tasks%n", users, tasks, status);
        return 0;
    }

    private static int check(Map<String, String> o) throws IOException {
        Path dir = dir(o);
        List<Event> history = readHistory(dir);
        List<Workload.User> users = readUsers(dir);
        Map<Integer, List<FinalTask>> finalData = new FinalReader(o.get("url")).read(users);
        Checker.Result result = Checker.check(history, finalData);
        Files.writeString(dir.resolve("check.json"), Json.write(result.toMap()));
        System.out.printf("check: %d acknowledged writes (%d indeterminate), %d complete list reads; lost %d, "
                        + "resurrected %d, lost updates %d, phantom %d, stale reads %d, duplicates %d%n",
                result.acknowledgedWrites(), result.indeterminateWrites(), result.listsChecked(), result.lostWrites(),
                result.resurrected(), result.lostUpdates(), result.phantomWrites(), result.staleReads(),
                result.duplicates());
        result.details().forEach(d -> System.out.println("  " + d));
        return result.ok() ? 0 : 1;
    }

    private static int summarize(Map<String, String> o) throws IOException {
        Path dir = dir(o);
        List<Event> history = readHistory(dir);
        Summary.Window fault = null;
        Path faults = dir.resolve("faults.jsonl");
        if (Files.exists(faults)) {
            long start = -1;
            long end = -1;
            for (String line : Files.readAllLines(faults)) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> m = Json.object(line);
                long at = ((Number) m.get("at")).longValue() * 1000;
                if ("start".equals(m.get("event")) && start < 0) {
                    start = at;
                } else if ("end".equals(m.get("event"))) {
                    end = at;
                }
            }
            if (start >= 0) {
                fault = new Summary.Window(start, end >= start ? end : start);
            }
        }
        // Seeded bulk tasks are setup, not load: figures count the workload's own requests.
        List<Event> load = history.stream().filter(e -> e.user() < 10_000).toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("scenario", o.getOrDefault("scenario", dir.getFileName().toString()));
        summary.putAll(Summary.of(load, fault));
        Path check = dir.resolve("check.json");
        if (Files.exists(check)) {
            Map<String, Object> c = Json.object(Files.readString(check));
            c.remove("details");
            summary.put("check", c);
        }
        Path notes = dir.resolve("notes.json");
        if (Files.exists(notes)) {
            summary.put("notes", Json.object(Files.readString(notes)));
        }
        Files.writeString(dir.resolve("summary.json"), Json.write(summary));
        System.out.println(Json.write(summary));
        return 0;
    }

    static List<Event> readHistory(Path dir) throws IOException {
        List<Event> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("history.*\\.jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        events.add(Event.fromJson(line));
                    }
                }
            }
        }
        return events;
    }

    static List<Workload.User> readUsers(Path dir) throws IOException {
        List<Workload.User> users = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("users.*\\.json")).sorted().toList()) {
                for (Object o : (List<?>) Json.parse(Files.readString(file))) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    users.add(new Workload.User(((Number) m.get("index")).intValue(), (String) m.get("email"),
                            (String) m.get("password")));
                }
            }
        }
        return users;
    }

    static void writeUsers(Path file, List<Workload.User> users) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        List<Object> list = new ArrayList<>();
        for (Workload.User u : users) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", u.index());
            m.put("email", u.email());
            m.put("password", u.password());
            list.add(m);
        }
        Files.writeString(file, Json.write(list));
    }

    private static Path dir(Map<String, String> o) {
        String dir = o.get("dir");
        if (dir == null) {
            usage();
        }
        return Path.of(dir);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static void usage() {
        System.err.println("usage: Chaos workload|seed|check|summarize|report|fuzz --option value …"
                + " (see the class comment of app.pdeck.chaos.Chaos)");
        System.exit(2);
    }
}
