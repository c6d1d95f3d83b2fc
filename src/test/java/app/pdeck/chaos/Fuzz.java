package app.pdeck.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile input against every public endpoint: NoSQL operator objects, huge and fractional numbers, deep nesting,
 * invalid UTF-8, 1 MiB+ bodies, slow and truncated bodies, odd headers and query strings. Every answer must be
 * below 500, and every 4xx must be problem+json. Afterwards nothing the service refused may be stored: each body
 * carries a marker {@code fz<case>} in its text, and the fuzz user's tasks, projects and integrations are read back.
 */
public final class Fuzz {

    /** One request and what came back. */
    public record Outcome(int index, String method, String path, String kind, int status, String contentType) {
    }

    private final Api api;
    private final Random random;
    private final String base;
    private final List<Outcome> outcomes = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private String token;
    private String taskId;
    private String projectId;

    Fuzz(String baseUrl, long seed) {
        this.api = new Api(baseUrl, Duration.ofSeconds(30));
        this.base = baseUrl;
        this.random = new Random(seed);
    }

    public static int run(String url, Path dir, int cases, long seed) throws IOException {
        Fuzz fuzz = new Fuzz(url, seed);
        Map<String, Object> result = fuzz.execute(cases);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("fuzz.json"), Json.write(result));
        System.out.println(Json.write(result));
        return fuzz.violations.isEmpty() ? 0 : 1;
    }

    public List<String> violations() {
        return violations;
    }

    public Map<String, Object> execute(int cases) {
        String email = "chaos-fuzz-" + Long.toString(System.nanoTime(), 36) + "@chaos.pdeck.test";
        token = api.registerAndLogin(email, "chaos-fuzz-password-1");
        if (token == null) {
            throw new IllegalStateException("cannot register the fuzz user");
        }
        taskId = (String) api.call("POST", "/api/v1/tasks", token, "{\"title\":\"fuzz anchor\"}").json().get("id");
        projectId = (String) api.call("POST", "/api/v1/projects", token, "{\"name\":\"fuzz anchor\"}").json().get("id");
        for (int i = 0; i < cases; i++) {
            one(i);
        }
        fixedCases(cases);
        rawCases(cases + FIXED_HEADERS.length + 2);
        checkNothingRefusedIsStored();
        Map<String, Integer> byStatus = new java.util.TreeMap<>();
        for (Outcome o : outcomes) {
            byStatus.merge(String.valueOf(o.status()), 1, Integer::sum);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("requests", outcomes.size());
        result.put("byStatus", byStatus);
        result.put("violations", violations.size());
        result.put("details", violations.subList(0, Math.min(50, violations.size())));
        return result;
    }

    // --- generated cases ----------------------------------------------------------------------------------

    private static final String[] BODY_PATHS = {
        "POST /api/v1/tasks", "PATCH /api/v1/tasks/{task}", "PUT /api/v1/tasks/{task}", "POST /api/v1/tasks/bulk",
        "POST /api/v1/projects", "PUT /api/v1/projects/{project}", "POST /api/v1/integrations",
        "PATCH /api/v1/users/me", "POST /api/v1/auth/register", "POST /api/v1/auth/login",
    };

    private static final String[] QUERY_PATHS = {
        "GET /api/v1/tasks", "GET /api/v1/tasks/archived", "GET /api/v1/projects", "GET /api/v1/integrations",
        "GET /api/v1/tasks/{task}", "DELETE /api/v1/tasks/{hostile}", "GET /api/v1/projects/{hostile}",
        "GET /api/v1/integrations/{hostile}", "POST /api/v1/tasks/{hostile}/unarchive", "GET /api/v1/admin/users",
        "GET /api/v1/admin/backups/{hostile}", "GET /api/v1/users/me", "GET /api/v1/info", "GET /api/v1/auth/jwks",
    };

    private static final String[] HOSTILE_VALUES = {
        "{\"$gt\":\"\"}", "{\"$ne\":null}", "{\"$where\":\"sleep(1000)\"}", "[\"$in\"]", "1e400", "-1e400",
        "99999999999999999999999999", "-9223372036854775809", "9223372036854775807", "1.5", "-0", "NaN", "true",
        "null", "\"\"", "\"   \"", "\"\\u0000\"", "\"\\ud800\"", "[]", "{}", "[null]", "\"2026-13-45T99:00:00Z\"",
        "\"+999999999-12-31T23:59:59Z\"", "\"" + "x".repeat(300) + "\"", "\"DONE\"", "\"done\"", "\"$regex\"",
        "{\"$regex\":\".*\"}", "[{\"$gt\":\"\"}]",
    };

    private static final String[] FIELDS = {"title", "description", "priority", "status", "tags", "dueDate",
        "projectId", "name", "archived", "type", "displayName", "settings", "accessToken", "email", "password",
        "preferences", "currentPassword", "version", "_id", "userId", "$set"};

    private void one(int i) {
        if (random.nextInt(3) == 0) {
            queryCase(i);
            return;
        }
        String[] target = BODY_PATHS[random.nextInt(BODY_PATHS.length)].split(" ");
        String method = target[0];
        String path = target[1].replace("{task}", taskId).replace("{project}", projectId);
        String marker = "fz" + i + "-";
        String body;
        String kind;
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = path.contains("tasks/") && method.equals("PATCH") && random.nextBoolean()
                ? "application/merge-patch+json" : "application/json";
        switch (random.nextInt(10)) {
            case 0 -> {
                kind = "deep-nesting";
                int depth = 500 + random.nextInt(20_000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                body = "{\"title\":\"" + marker + "\",\"tags\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
            }
            case 1 -> {
                kind = "huge-body";
                body = "{\"title\":\"" + marker + "x".repeat(1_100_000) + "\"}";
            }
            case 2 -> {
                kind = "invalid-utf8";
                byte[] bytes = ("{\"title\":\"" + marker + "\u0001BAD\",\"name\":\"" + marker + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                int at = bytes.length - 6;
                bytes[at] = (byte) 0xC3;
                bytes[at + 1] = (byte) 0x28;
                record(i, method, path, kind, rawBytes(method, path, contentType, bytes));
                return;
            }
            case 3 -> {
                kind = "malformed";
                String[] bad = {"", "null", "[]", "\"x\"", "{", "{\"title\":", "{\"title\":\"" + marker + "\",}",
                    "{\"title\":\"" + marker + "\" \"x\":1}", "{'title':'" + marker + "'}", "\u0000", "{\"tasks\":null}",
                    "{\"tasks\":[]}", "{\"tasks\":[" + "{\"title\":\"" + marker + "\"},".repeat(501) + "{}]}"};
                body = bad[random.nextInt(bad.length)];
            }
            case 4 -> {
                kind = "header";
                body = validBody(path, marker);
                switch (random.nextInt(8)) {
                    case 0 -> contentType = "text/plain";
                    case 1 -> contentType = "application/xml";
                    case 2 -> contentType = "a/b/c;;charset=nope";
                    case 3 -> headers.put("If-Match", pick("garbage", "\"-1\"", "\"99999999999999999999\"", "*",
                            "W/\"1\"", "\"1\", \"2\"", "\"" + "9".repeat(400) + "\""));
                    case 4 -> headers.put("Accept", pick("application/xml", "*/*;q=abc", "text/html"));
                    case 5 -> headers.put("X-Filler", "y".repeat(4_000 + random.nextInt(6_000)));
                    case 6 -> headers.put("If-None-Match", "*");
                    default -> contentType = "application/json; charset=ISO-8859-1";
                }
            }
            case 5 -> {
                kind = "auth";
                body = validBody(path, marker);
                String bad = pick("Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=", "Bearer " + token + "x",
                        "Bearer " + token.substring(0, token.length() - 5), "bearer " + token, "Bearer a.b.c");
                record(i, method, path, kind, call(method, path, null, contentType, body, Map.of("Authorization", bad)));
                return;
            }
            default -> {
                kind = "hostile-field";
                Map<String, String> fields = new LinkedHashMap<>();
                for (String field : FIELDS) {
                    if (random.nextInt(4) == 0) {
                        fields.put(field, HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]);
                    }
                }
                if (!fields.containsKey("title")) {
                    fields.put("title", "\"" + marker + "\"");
                }
                if (!fields.containsKey("name")) {
                    fields.put("name", "\"" + marker + "\"");
                }
                StringBuilder b = new StringBuilder("{");
                fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(Json.quote(k)).append(':').append(v));
                body = b.append('}').toString();
                if (path.endsWith("/bulk")) {
                    body = "{\"tasks\":[" + body + "]}";
                }
            }
        }
        record(i, method, path, kind, call(method, path, token, contentType, body, headers));
    }

    private void queryCase(int i) {
        String[] target = QUERY_PATHS[random.nextInt(QUERY_PATHS.length)].split(" ");
        String hostileId = pick("%24ne", "%7B%22%24gt%22%3A%22%22%7D", "..%2F..%2Fadmin", "%00", "x".repeat(2000),
                "20261125T020000123Z%2F..%2F..", "%E0%A4%A", ".", "..", "%2e%2e", "null", "-1");
        String path = target[1].replace("{task}", taskId).replace("{hostile}", hostileId);
        String[] params = {"page", "size", "sort", "status", "tag", "q", "dueBefore", "dueAfter", "projectId",
            "status[$ne]", "from", "to", "metric", "job"};
        String[] values = {"-1", "0", "99999999999", "1e9", "abc", "$where", "-", "DONE,TODO", "%00", "%ff%fe",
            "%7B%22%24ne%22%3Anull%7D", ".*", "(a+)+$", "+999999999-01-01T00:00:00Z", "yesterday",
            "x".repeat(5000), "%E2%82", "null", "%24regex"};
        StringBuilder q = new StringBuilder();
        int n = 1 + random.nextInt(4);
        for (int k = 0; k < n; k++) {
            q.append(k == 0 ? "?" : "&").append(URLEncoder.encode(params[random.nextInt(params.length)],
                    StandardCharsets.UTF_8)).append('=').append(values[random.nextInt(values.length)]);
        }
        String withQuery = path + q;
        record(i, target[0], withQuery, "query", call(target[0], withQuery, token, null, null, Map.of()));
    }

    private String validBody(String path, String marker) {
        if (path.contains("projects")) {
            return "{\"name\":\"" + marker + "\"}";
        }
        if (path.contains("integrations")) {
            return "{\"type\":\"GITHUB\",\"displayName\":\"" + marker + "\"}";
        }
        if (path.endsWith("/bulk")) {
            return "{\"tasks\":[{\"title\":\"" + marker + "\"}]}";
        }
        if (path.contains("users/me")) {
            return "{\"name\":\"" + marker + "\"}";
        }
        return "{\"title\":\"" + marker + "\"}";
    }

    /** Headers every run sends once to a read and a write, whatever the seed picks. */
    private static final String[][] FIXED_HEADERS = {
        {"Accept", "*/*;q=abc"}, {"Accept", "application/json;q=2;;"}, {"Accept-Language", "en;q=x"},
        {"Accept", "no-slash"}, {"Content-Type", "a/b/c;;charset=nope"}, {"Authorization", "Bearer garbage"},
        {"Authorization", "Bearer a.b.c"}, {"If-Match", "\"" + "9".repeat(40) + "\""},
    };

    private void fixedCases(int first) {
        int index = first;
        for (String[] header : FIXED_HEADERS) {
            String marker = "fz" + index + "-";
            boolean replacesToken = header[0].equals("Authorization");
            boolean contentType = header[0].equals("Content-Type");
            String type = contentType ? header[1] : "application/json";
            Map<String, String> headers = contentType || replacesToken ? Map.of() : Map.of(header[0], header[1]);
            String bearer = replacesToken ? null : token;
            Map<String, String> withAuth = replacesToken ? Map.of("Authorization", header[1]) : headers;
            record(index, "POST", "/api/v1/tasks", "fixed-header " + header[0],
                    call("POST", "/api/v1/tasks", bearer, type, "{\"title\":\"" + marker + "\"}", withAuth));
            record(index, "GET", "/api/v1/tasks", "fixed-header " + header[0],
                    call("GET", "/api/v1/tasks", bearer, null, null, withAuth));
            index++;
        }
        record(index, "GET", "/not-the-api", "outside-the-api", call("GET", "/not-the-api", token, null, null, Map.of()));
        record(index + 1, "GET", "/api/v1/nothing-here", "unknown-path",
                call("GET", "/api/v1/nothing-here", token, null, null, Map.of()));
    }

    // --- raw socket cases: slow and truncated bodies, lying Content-Length -----------------------------------

    private void rawCases(int index) {
        String slowBody = "{\"title\":\"fz" + index + "-slow\"}";
        // A slow but complete body (about 2 s, a few bytes at a time): an ordinary client on a bad network.
        Answer slow = raw("POST", "/api/v1/tasks", slowBody.getBytes(StandardCharsets.UTF_8), slowBody.length(), 200);
        record(index, "POST", "/api/v1/tasks", "slow-body", slow);
        if (slow.status() != 201) {
            violations.add("slow but complete body answered " + slow.status() + " instead of 201");
        }
        // Content-Length says more than is sent, then the client goes away: nothing must be stored.
        String truncated = "{\"title\":\"fz" + (index + 1) + "-truncated\"}";
        record(index + 1, "POST", "/api/v1/tasks", "truncated-body",
                raw("POST", "/api/v1/tasks", truncated.getBytes(StandardCharsets.UTF_8), truncated.length() + 50, 0));
        // Content-Length says less than is sent.
        String longer = "{\"title\":\"fz" + (index + 2) + "-short-length\"}";
        record(index + 2, "POST", "/api/v1/tasks", "short-content-length",
                raw("POST", "/api/v1/tasks", longer.getBytes(StandardCharsets.UTF_8), 10, 0));
    }

    private record Answer(int status, String contentType) {
    }

    private Answer call(String method, String path, String bearer, String contentType, String body,
                        Map<String, String> headers) {
        try {
            Api.Answer a = api.call(method, path, bearer, contentType, body, headers);
            return new Answer(a.status(), a.contentType() == null && a.status() >= 0 ? "" : a.contentType());
        } catch (IllegalArgumentException notAValidUri) {
            // The JDK client refuses to send some hostile URLs (bad percent escapes): send those by hand.
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            return raw(method, path, bytes, bytes.length, 0, contentType == null ? "application/json" : contentType);
        }
    }

    private Answer rawBytes(String method, String path, String contentType, byte[] body) {
        return raw(method, path, body, body.length, 0, contentType);
    }

    private Answer raw(String method, String path, byte[] body, int declaredLength, int pauseMillis) {
        return raw(method, path, body, declaredLength, pauseMillis, "application/json");
    }

    /** Writes the request by hand; with {@code pauseMillis} the body trickles out 4 bytes at a time. */
    private Answer raw(String method, String path, byte[] body, int declaredLength, int pauseMillis,
                       String contentType) {
        URI uri = URI.create(base);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
            socket.setSoTimeout(declaredLength > body.length ? 3000 : 30_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + declaredLength + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (pauseMillis > 0) {
                int chunks = Math.max(1, body.length / 4);
                for (int i = 0; i < body.length; i += 4) {
                    out.write(body, i, Math.min(4, body.length - i));
                    out.flush();
                    Api.sleep(Math.max(1, 2000 / chunks));
                }
            } else {
                out.write(body);
            }
            out.flush();
            if (declaredLength > body.length) {
                socket.shutdownOutput();
            }
            return parseStatus(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Answer(-1, null);
        } catch (IOException e) {
            return new Answer(-1, null);
        }
    }

    private static Answer parseStatus(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) > 0 && buffer.size() < 65_536) {
            buffer.write(chunk, 0, n);
            if (buffer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                break;
            }
        }
        String response = buffer.toString(StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 ")) {
            return new Answer(-1, null);
        }
        int status = Integer.parseInt(response.substring(9, 12));
        String type = null;
        for (String line : response.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-type:")) {
                type = line.substring(13).trim();
            }
        }
        return new Answer(status, type);
    }

    private void record(int index, String method, String path, String kind, Answer answer) {
        String shown = path.length() > 120 ? path.substring(0, 120) + "…" : path;
        outcomes.add(new Outcome(index, method, shown, kind, answer.status(), answer.contentType()));
        if (answer.status() >= 500) {
            violations.add("case " + index + " " + kind + ": " + method + " " + shown + " → " + answer.status());
        } else if (answer.status() >= 400 && answer.contentType() != null
                && !answer.contentType().startsWith("application/problem+json")) {
            violations.add("case " + index + " " + kind + ": " + method + " " + shown + " → " + answer.status()
                    + " without problem+json (" + answer.contentType() + ")");
        }
    }

    // --- nothing refused is stored ---------------------------------------------------------------------------

    private void checkNothingRefusedIsStored() {
        Map<Integer, Outcome> byIndex = new java.util.HashMap<>();
        java.util.Set<Integer> acknowledgedWrites = new java.util.HashSet<>();
        for (Outcome o : outcomes) {
            byIndex.putIfAbsent(o.index(), o);
            if (!o.method().equals("GET") && o.status() >= 200 && o.status() < 300) {
                acknowledgedWrites.add(o.index());
            }
        }
        List<String> stored = new ArrayList<>();
        collect("/api/v1/tasks?size=200&page=", "title", stored);
        collect("/api/v1/projects?size=200&page=", "name", stored);
        collect("/api/v1/integrations?size=200&page=", "displayName", stored);
        Api.Answer me = api.call("GET", "/api/v1/users/me", token, null);
        if (me.ok() && me.json().get("name") instanceof String name) {
            stored.add(name);
        }
        for (String text : stored) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("fz(\\d+)-").matcher(text);
            if (!m.find()) {
                continue;
            }
            Outcome o = byIndex.get(Integer.parseInt(m.group(1)));
            if (!acknowledgedWrites.contains(Integer.parseInt(m.group(1)))) {
                violations.add("stored although refused or unanswered: case " + m.group(1) + " ("
                        + (o == null ? "?" : o.kind() + " → " + o.status()) + ")");
            }
        }
    }

    private void collect(String path, String field, List<String> into) {
        for (int page = 1; page < 100; page++) {
            Api.Answer a = api.call("GET", path + page, token, null);
            if (a.status() != 200) {
                violations.add("cannot read back " + path + page + ": " + a.status());
                return;
            }
            Object body = Json.parse(a.body());
            List<?> items = body instanceof Map<?, ?> m ? (List<?>) m.get("items") : (List<?>) body;
            for (Object item : items) {
                Object value = ((Map<?, ?>) item).get(field);
                if (value != null && !(value instanceof String)) {
                    violations.add("stored " + field + " is not text: " + Json.write(value));
                } else if (value != null) {
                    into.add((String) value);
                }
            }
            if (!(body instanceof Map<?, ?> m) || items.isEmpty()
                    || ((Number) m.get("total")).longValue() <= (long) page * ((Number) m.get("size")).longValue()) {
                return;
            }
        }
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
