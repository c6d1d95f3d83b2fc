package app.pdeck.monitoring;

import app.pdeck.platform.DeploymentMeters;
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
import java.util.regex.Pattern;

/**
 * Times every REST request into the Micrometer timer {@code pdeck.http.requests} tagged with the method, the
 * endpoint's path <em>template</em> (e.g. {@code /api/v1/tasks/{id}}, never the concrete path), the status code and
 * its class. Requests that match no resource share {@code uri=UNMATCHED}, so the number of series stays bounded by
 * the API's size, whatever clients send.
 */
@Provider
@PreMatching
@ApplicationScoped
@Priority(1)
public class HttpMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    static final String TIMER = "pdeck.http.requests";
    static final String UNMATCHED = "UNMATCHED";
    private static final String START = HttpMetricsFilter.class.getName() + ".start";
    private static final String API_ROOT = "/api/v1";
    private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}");

    @Context
    ResourceInfo resourceInfo;

    @Inject
    Instance<MeterRegistry> registries;

    private final Map<Method, String> templates = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private MeterRegistry registry;

    @PostConstruct
    void init() {
        if (registries.isResolvable()) {
            registry = registries.get();
            DeploymentMeters.removeAll(registry, TIMER);
        }
    }

    @PreDestroy
    void close() {
        if (registry != null) {
            DeploymentMeters.removeAll(registry, TIMER);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(START, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(START) instanceof Long start) || registry == null) {
            return;
        }
        long elapsed = System.nanoTime() - start;
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
