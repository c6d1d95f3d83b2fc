package app.pdeck.security.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API: exactly the configured ones ({@code scheme://host[:port]}, compared
 * case-insensitively, no wildcards). An empty list allows none.
 */
record CorsPolicy(Set<String> allowedOrigins) {

    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match";
    static final String EXPOSED_HEADERS = "Location, ETag, Retry-After";

    static CorsPolicy parse(String spec) {
        Set<String> origins = Arrays.stream(spec == null ? new String[0] : spec.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(CorsPolicy::normalize)
                .collect(Collectors.toUnmodifiableSet());
        return new CorsPolicy(origins);
    }

    boolean allows(String origin) {
        return origin != null && allowedOrigins.contains(normalize(origin));
    }

    private static String normalize(String origin) {
        String lower = origin.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
