package app.pdeck.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Set;

/**
 * Records every changing request to {@code /admin/...} (anything but GET/HEAD/OPTIONS) with its answer, whether it
 * succeeded, failed or was refused. Features add their own, more specific entries (backup, restore, …).
 */
@Provider
@ApplicationScoped
public class AdminActionAudit implements ContainerResponseFilter {

    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Inject
    AuditTrail auditTrail;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath(false);
        if (READS.contains(request.getMethod()) || !(path.startsWith("admin/") || path.startsWith("/admin/"))) {
            return;
        }
        int status = response.getStatus();
        AuditOutcome outcome = status < 400 ? AuditOutcome.SUCCESS
                : status == 401 || status == 403 || status == 429 ? AuditOutcome.DENIED : AuditOutcome.FAILURE;
        auditTrail.record("admin.request", outcome, request.getMethod() + " /" + path.replaceFirst("^/", ""),
                Map.of("status", status));
    }
}
