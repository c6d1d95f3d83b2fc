package app.pdeck.platform;

import app.pdeck.platform.problem.ApiException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Versioned resources use their version as a strong ETag; {@code If-Match} names the version a change is based on. */
public final class ETags {

    private ETags() {
    }

    /** Per-user data: a shared cache must not keep it, the client may, revalidating before each use. */
    public static CacheControl privateRevalidated() {
        CacheControl control = new CacheControl();
        control.setPrivate(true);
        control.setNoCache(true);
        return control;
    }

    /**
     * The answer to a GET of a versioned resource: 304 when {@code If-None-Match} already names its version, else
     * 200 with the entity; both with the tag and {@link #privateRevalidated()}.
     */
    public static Response currentOrNotModified(Object entity, long version, String ifNoneMatch) {
        EntityTag tag = of(version);
        Optional<String> held = matchingNoneMatch(ifNoneMatch, tag.getValue());
        if (held.isPresent()) {
            return Response.notModified().header(HttpHeaders.ETAG, held.get()).cacheControl(privateRevalidated())
                    .build();
        }
        return Response.ok(entity).tag(tag).cacheControl(privateRevalidated()).build();
    }

    public static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * The tag of {@code If-None-Match} that names {@code tag}, or is {@code *}; empty when none does. Compared the weak
     * way RFC 9110 prescribes for If-None-Match, and a tag also matches with a content-coding suffix (e.g.
     * {@code "g4e1-gzip"}): the client holds the same content, only coded differently. A 304 answers with the
     * matching tag as the client wrote it, as it names the representation the client holds ({@code tag} itself,
     * quoted, for {@code *}).
     */
    public static Optional<String> matchingNoneMatch(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null || tag == null) {
            return Optional.empty();
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String value = candidate.strip();
            if (value.equals("*")) {
                return Optional.of('"' + tag + '"');
            }
            String held = value;
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            int coding = value.lastIndexOf('-');
            if (value.equals(tag) || coding > 0 && value.substring(0, coding).equals(tag)
                    && value.substring(coding + 1).matches("[a-z]+")) {
                return Optional.of(held);
            }
        }
        return Optional.empty();
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
