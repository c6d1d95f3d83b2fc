package app.pdeck.security;

import java.time.Instant;
import org.bson.Document;

/** A live session as its owner sees it ({@code GET /users/me/sessions}); never a token or its hash. */
public record SessionView(String id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, String userAgent,
                          String address, boolean current) {

    static SessionView of(Document d, String currentSessionId) {
        return new SessionView(d.getString("_id"), d.getDate("createdAt").toInstant(),
                d.getDate("lastUsedAt").toInstant(), d.getDate("expiresAt").toInstant(), d.getString("userAgent"),
                d.getString("address"), d.getString("_id").equals(currentSessionId));
    }
}
