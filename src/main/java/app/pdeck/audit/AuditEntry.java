package app.pdeck.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One line of the audit trail as the API shows it. {@code actor} is the account id (or the email tried at a failed
 * sign-in, or {@code system} for scheduled work), {@code address} the client's address as
 * {@link app.pdeck.platform.http.RequestOrigin} resolved it.
 */
public record AuditEntry(String id, Instant at, String actor, String actorEmail, String action, String target,
                         AuditOutcome outcome, String address, String node, Map<String, String> details) {
}
