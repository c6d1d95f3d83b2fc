package app.pdeck.monitoring;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/admin/db/status}: whether the database answers, what it is (version, topology from the driver's
 * cluster view), this node's connection pool and the last failure seen. {@code serverVersion} is null when the
 * database did not answer.
 */
public record DatabaseStatus(boolean connected, String database, List<String> hosts, String serverVersion,
                             Topology topology, Pool pool, LastError lastError, Instant checkedAt) {

    /** The driver's view: cluster type (STANDALONE, REPLICA_SET, SHARDED, LOAD_BALANCED, UNKNOWN) and its servers. */
    public record Topology(String type, String connectionMode, List<Server> servers) {
    }

    /** One server as the driver's monitor last saw it; {@code error} is why it is not reachable, if it is not. */
    public record Server(String address, String state, String type, Double roundTripMs, Integer maxWireVersion,
                         String error) {
    }

    /** Connections of this node's pool(s): open, checked out by a request, idle, threads waiting, configured maximum. */
    public record Pool(int size, int inUse, int idle, int waitQueue, int maxSize) {
    }

    /** The newest failure: a failed command (by error code, never its data) or this check's own error. */
    public record LastError(Instant at, String source, String message) {
    }
}
