package app.pdeck.cache.probe;

import java.time.Instant;

/** A cached value of the probe: a record with a timestamp, as the domain's DTOs are. */
public record ProbeItem(String id, String owner, String title, Instant createdAt) {
}
