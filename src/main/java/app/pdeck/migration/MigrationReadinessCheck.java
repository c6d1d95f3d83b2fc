package app.pdeck.migration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once this node's migration run finished; DOWN while it runs or after it failed, naming the version. */
@Readiness
@ApplicationScoped
public class MigrationReadinessCheck implements HealthCheck {

    @Inject
    Migrations migrations;

    @Override
    public HealthCheckResponse call() {
        MigrationState.Snapshot state = migrations.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("migrations").status(state.ready());
        state.readinessData().forEach(response::withData);
        return response.build();
    }
}
