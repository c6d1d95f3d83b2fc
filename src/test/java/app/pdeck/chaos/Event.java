package app.pdeck.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of the workload as the client saw it: who, what, when it started and ended (microseconds since the
 * epoch, monotonic within a run), the HTTP status ({@code -1} when no answer came) and, for task operations, the
 * task id, the version and content the service acknowledged, or the ids and versions a list returned.
 *
 * @param complete for a list: the answer held all of the user's tasks (total ≤ page size), so a missing id means
 *                 the read did not see it
 */
public record Event(int user, String op, long start, long end, int status, String error, String taskId,
                    long version, String title, int priority, List<String> ids, List<Long> versions,
                    boolean complete) {

    public static final String CREATE = "create";
    public static final String PATCH = "patch";
    public static final String DELETE = "delete";
    public static final String LIST = "list";
    public static final String GET = "get";

    public Event {
        ids = ids == null ? List.of() : List.copyOf(ids);
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public boolean acknowledged() {
        return status >= 200 && status < 300;
    }

    /** Refused by the service (4xx): the write did not happen. */
    public boolean refused() {
        return status >= 400 && status < 500;
    }

    /** No answer or a 5xx: the write may or may not have happened. */
    public boolean indeterminate() {
        return status < 0 || status >= 500;
    }

    public boolean isWrite() {
        return op.equals(CREATE) || op.equals(PATCH) || op.equals(DELETE);
    }

    public long latencyMicros() {
        return end - start;
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("u", user);
        m.put("op", op);
        m.put("t0", start);
        m.put("t1", end);
        m.put("status", status);
        if (error != null) {
            m.put("error", error);
        }
        if (taskId != null) {
            m.put("id", taskId);
        }
        if (version >= 0) {
            m.put("version", version);
        }
        if (title != null) {
            m.put("title", title);
            m.put("priority", priority);
        }
        if (op.equals(LIST)) {
            m.put("ids", ids);
            m.put("versions", versions);
            m.put("complete", complete);
        }
        return Json.write(m);
    }

    @SuppressWarnings("unchecked")
    public static Event fromJson(String line) {
        Map<String, Object> m = Json.object(line);
        List<Long> versions = new ArrayList<>();
        for (Object v : (List<Object>) m.getOrDefault("versions", List.of())) {
            versions.add(((Number) v).longValue());
        }
        List<String> ids = new ArrayList<>();
        for (Object id : (List<Object>) m.getOrDefault("ids", List.of())) {
            ids.add((String) id);
        }
        return new Event(((Number) m.get("u")).intValue(), (String) m.get("op"), ((Number) m.get("t0")).longValue(),
                ((Number) m.get("t1")).longValue(), ((Number) m.get("status")).intValue(), (String) m.get("error"),
                (String) m.get("id"), m.containsKey("version") ? ((Number) m.get("version")).longValue() : -1,
                (String) m.get("title"), m.containsKey("priority") ? ((Number) m.get("priority")).intValue() : 0,
                ids, versions, Boolean.TRUE.equals(m.get("complete")));
    }
}
