package app.pdeck.monitoring;

import app.pdeck.platform.DeploymentMeters;
import app.pdeck.platform.LatencyWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Times every REST request into the Micrometer timer {@code pdeck.http.requests} tagged with the method, the
 * endpoint's path <em>template</em> (e.g. {@code /api/v1/tasks/{id}}, never the concrete path), the status code and
 * its class. Requests that match no resource share {@code uri=UNMATCHED}, so the number of series stays bounded by
 * the API's size, whatever clients send. For autoscaling it also keeps the requests in flight (gauge
 * {@code pdeck.http.inflight}: started, response not yet produced) and the p99 of the recent requests (gauge
 * {@code pdeck.http.latency.p99.ms}, see {@link LatencyWindow}).
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(1)
public class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String TIMER = "pdeck.http.requests";
    static final String UNMATCHED = "UNMATCHED";
    static final String IN_FLIGHT = "pdeck.http.inflight";
    static final String P99 = "pdeck.http.latency.p99.ms";
    private static final String START = HttpMetricsFilter.class.getName() + ".start";
    private static final String API_ROOT = "/api/v1";
    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

    @Context
    ResourceInfo resourceInfo;

    @Inject
    Instance<MeterRegistry> registries;

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LatencyWindow recent = new LatencyWindow();
    private MeterRegistry registry;

    @PostConstruct
    void init() {
        registry = DeploymentMeters.claim(registries, TIMER, IN_FLIGHT, P99);
        if (registry != null) {
            registry.gauge(IN_FLIGHT, Tags.empty(), inFlight, AtomicInteger::get);
            registry.gauge(P99, Tags.empty(), recent, w -> w.snapshot().p99Ms());
        }
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            removeMeters();
        }
    }

    private void removeMeters() {
        DeploymentMeters.removeAll(registry, TIMER);
        DeploymentMeters.removeAll(registry, IN_FLIGHT);
        DeploymentMeters.removeAll(registry, P99);
    }

    /** Requests of this node whose response has not been produced yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** This node's requests of the last minute (at most the last 4,096). */
    public LatencyWindow.Snapshot recentLatency() {
        return recent.snapshot();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
        inFlight.incrementAndGet();
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start)) {
            return;
        }
        // Once per request, even if a response filter chain ran twice (e.g. an error mapped after the first run).
        request.removeProperty(START);
        inFlight.decrementAndGet();
        long elapsed = System.nanoTime() - start;
        recent.record(elapsed);
        if (registry == null) {
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        String uri = method == null ? UNMATCHED : templates.computeIfAbsent(method,
                m -> template(resourceInfo.getResourceClass(), m));
        int status = response.getStatus();
        List<String> key = List.of(request.getMethod(), uri, String.valueOf(status));
        timers.computeIfAbsent(key, k -> registry.timer(TIMER, Tags.of("method", k.get(0), "uri", k.get(1),
                        "status", k.get(2), "outcome", Response.Status.Family.familyOf(status).name())))
                .record(elapsed, TimeUnit.NANOSECONDS);
    }

    /** {@code /api/v1} + the class's and the method's {@code @Path}, with parameter regexes dropped. */
    static String template(Class<?> resource, Method method) {
        StringBuilder path = new StringBuilder(API_ROOT);
        append(path, resource == null ? null : resource.getAnnotation(Path.class));
        append(path, method.getAnnotation(Path.class));
        return PARAMETER_REGEX.matcher(path).replaceAll("{$1}");
    }

    private static void append(StringBuilder path, Path segment) {
        if (segment == null) {
            return;
        }
        String value = segment.value().trim();
        while (value.startsWith("/")) {
            value = value.substring(1);
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (!value.isEmpty()) {
            path.append('/').append(value);
        }
    }
}
