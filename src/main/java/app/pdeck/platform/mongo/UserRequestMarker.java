package app.pdeck.platform.mongo;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Marks the thread serving a request outside {@code /admin} as a user path while it runs, so {@link ShardKeyInspector}
 * knows which MongoDB commands must carry the shard key; admin endpoints and jobs may scan whole collections.
 */
@Provider
public class UserRequestMarker implements ContainerRequestFilter, ContainerResponseFilter {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    /** {@code "GET tasks"} while this thread serves a user request, else null. */
    static String current() {
        return CURRENT.get();
    }

    static void mark(String request) {
        CURRENT.set(request);
    }

    static void clear() {
        CURRENT.remove();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.startsWith("admin/") || path.equals("admin")) {
            clear();
        } else {
            mark(request.getMethod() + " " + path);
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        clear();
    }
}
