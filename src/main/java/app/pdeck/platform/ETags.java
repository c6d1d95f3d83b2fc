package app.pdeck.platform;

import app.pdeck.platform.problem.ApiException;
import jakarta.ws.rs.core.EntityTag;

/** Versioned resources use their version as a strong ETag; {@code If-Match} names the version a change is based on. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an {@code If-Match} header names; {@code null} when absent or {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String value = ifMatch.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            // An ETag this service never issued cannot match the current version.
            throw ApiException.preconditionFailed("If-Match does not name a version of this resource");
        }
    }
}
