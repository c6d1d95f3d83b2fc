package app.pdeck.migration;

import jakarta.ws.rs.core.Response;

import java.util.List;

/** Applied migrations whose code changed since they ran; nothing runs until they are repaired. */
public class DriftDetectedException extends MigrationException {

    private final List<Drift> drift;

    DriftDetectedException(List<Drift> drift) {
        super(Response.Status.CONFLICT, "migration-drift", "checksum drift in applied migration(s) " + drift.stream().map(Drift::version).toList()
                + ": their code changed after they were applied. Restore the code, or accept it with "
                + "POST /api/v1/admin/migrations/repair (ops/migrate repair)");
        this.drift = List.copyOf(drift);
    }

    public List<Drift> drift() {
        return drift;
    }
}
