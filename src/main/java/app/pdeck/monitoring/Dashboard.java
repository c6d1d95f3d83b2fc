package app.pdeck.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/admin/dashboard}: everything the dashboard page shows, in one answer. Request, command and
 * cache figures are this node's counters since deployment (as Prometheus would scrape them); {@code recent} holds
 * the request and command totals every 5 s over the last 15 minutes ({@link RecentActivity}). The page turns the
 * difference between two consecutive totals into rates and interval latencies.
 */
public record Dashboard(Instant at, String node, List<Check> health, Http http, List<CacheUse> caches, Mongo mongo,
                        List<CollectionSize> collections, Backup lastBackup, List<JobRunView> jobs,
                        List<Sample> recent, List<String> notes) {

    /** Request and MongoDB command totals since deployment at one moment; times in milliseconds. */
    public record Sample(Instant at, long requests, double requestMs, long commands, double commandMs) {
    }

    /** One health check (readiness and liveness), as {@code /health} on the management port reports it. */
    public record Check(String kind, String name, String status, Map<String, Object> data) {
    }

    /** REST requests: totals and the busiest endpoints. */
    public record Http(long requests, double totalMs, Map<String, Long> byOutcome, List<Endpoint> endpoints) {
    }

    /** One endpoint template and method: requests, mean latency, answers with status 5xx. */
    public record Endpoint(String method, String uri, long requests, double meanMs, long serverErrors) {
    }

    /** Cache lookups of one cache on this node. */
    public record CacheUse(String name, long hits, long misses, long errors) {
    }

    /** MongoDB: reachability, commands sent by this node (totals and per command name) and the pool. */
    public record Mongo(boolean connected, String serverVersion, long commands, double totalMs,
                        List<Command> byCommand, DatabaseStatus.Pool pool) {
    }

    /** One command name: how often, mean latency. */
    public record Command(String name, long count, double meanMs) {
    }

    /** One collection's size; {@code dataSize} in bytes. */
    public record CollectionSize(String name, long documents, Long dataSize) {
    }

    /** The newest complete backup. */
    public record Backup(String id, Instant createdAt, long documents, long sizeOnDisk) {
    }

    /** The newest run of one job. */
    public record JobRunView(String job, String status, Instant startedAt, Instant endedAt, Long durationMs,
                             String error) {
    }
}
