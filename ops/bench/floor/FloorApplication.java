package floor;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The framework-floor WAR's JAX-RS application, at the same path as the service's ({@code /api/v1}), with nothing
 * registered around the resources: no filters, no security, no CDI beans. Built and deployed by
 * {@code ops/bench/versus-seed}; not part of the service.
 */
@ApplicationPath("api/v1")
public class FloorApplication extends Application {
}
