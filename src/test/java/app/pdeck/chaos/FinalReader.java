package app.pdeck.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads every simulated user's tasks back through the API (active pages, then the archive) after recovery. */
public final class FinalReader {

    private final Api api;

    public FinalReader(String baseUrl) {
        this.api = new Api(baseUrl, Duration.ofSeconds(20));
    }

    public Map<Integer, List<FinalTask>> read(List<Workload.User> users) {
        Map<Integer, List<FinalTask>> result = new LinkedHashMap<>();
        for (Workload.User user : users) {
            String body = Json.write(Map.of("email", user.email(), "password", user.password()));
            Api.Answer login = retry(() -> {
                Api.Answer answer = api.call("POST", "/api/v1/auth/login", null, body);
                return answer.status() == 200 || answer.status() == 401 ? answer : null;
            });
            if (login == null) {
                throw new IllegalStateException("cannot sign in as " + user.email() + " after recovery");
            }
            if (login.status() == 401) {
                continue; // never registered (the service was down for its whole budget): nothing promised
            }
            String token = (String) login.json().get("token");
            List<FinalTask> tasks = new ArrayList<>();
            readPages(token, "/api/v1/tasks?sort=createdAt&size=200&page=", false, tasks);
            readPages(token, "/api/v1/tasks/archived?size=100&page=", true, tasks);
            result.put(user.index(), tasks);
        }
        return result;
    }

    private void readPages(String token, String path, boolean archived, List<FinalTask> into) {
        for (int page = 1; ; page++) {
            String url = path + page;
            Api.Answer a = retry(() -> {
                Api.Answer answer = api.call("GET", url, token, null);
                return answer.status() == 200 ? answer : null;
            });
            if (a == null) {
                throw new IllegalStateException("cannot read " + url + " back after recovery");
            }
            Map<String, Object> body = a.json();
            List<?> items = (List<?>) body.get("items");
            for (Object item : items) {
                Map<?, ?> t = (Map<?, ?>) item;
                into.add(new FinalTask((String) t.get("id"), ((Number) t.get("version")).longValue(),
                        (String) t.get("title"), ((Number) t.get("priority")).intValue(), archived));
            }
            long total = ((Number) body.get("total")).longValue();
            int size = ((Number) body.get("size")).intValue();
            if (items.isEmpty() || (long) page * size >= total) {
                return;
            }
        }
    }

    private static <T> T retry(java.util.function.Supplier<T> call) {
        for (int attempt = 0; attempt < 60; attempt++) {
            T value = call.get();
            if (value != null) {
                return value;
            }
            Api.sleep(1000);
        }
        return null;
    }
}
