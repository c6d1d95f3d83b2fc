package app.pdeck.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The service's public API over the JDK's HTTP client, 127.0.0.1 only, with bounded timeouts. */
public final class Api {

    /** One answer; {@code status} is -1 when none came (connection refused, reset, timeout). */
    public record Answer(int status, String body, String etag, String error, String contentType) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public Map<String, Object> json() {
            return Json.object(body);
        }
    }

    private final String base;
    private final HttpClient client;
    private final Duration timeout;

    public Api(String baseUrl, Duration timeout) {
        URI uri = URI.create(baseUrl);
        if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
            throw new IllegalArgumentException("the chaos suite only talks to 127.0.0.1, not " + uri.getHost());
        }
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    public String base() {
        return base;
    }

    public Answer call(String method, String path, String token, String contentType, String body,
                       Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers != null) {
            headers.forEach(request::header);
        }
        if (body != null) {
            request.header("Content-Type", contentType == null ? "application/json" : contentType);
            request.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("ETag").orElse(null), null,
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, "", null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "", null, "interrupted", null);
        }
    }

    public Answer call(String method, String path, String token, String body) {
        return call(method, path, token, null, body, null);
    }

    /** Registers the account (a 409 means it exists from an earlier attempt) and signs in; null if it cannot. */
    public String registerAndLogin(String email, String password) {
        call("POST", "/api/v1/auth/register", null, Json.write(Map.of("email", email, "password", password,
                "name", "Chaos user")));
        return login(email, password);
    }

    public String login(String email, String password) {
        Answer a = call("POST", "/api/v1/auth/login", null, Json.write(Map.of("email", email, "password", password)));
        return a.status() == 200 ? (String) a.json().get("token") : null;
    }

    /** Waits until {@code /api/v1/info} answers 200; false when it did not within the time. */
    public boolean awaitUp(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (call("GET", "/api/v1/info", null, null).status() == 200) {
                return true;
            }
            sleep(250);
        }
        return false;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
