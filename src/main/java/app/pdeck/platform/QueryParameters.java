package app.pdeck.platform;

import app.pdeck.platform.problem.ApiException;

/**
 * Whole-number query parameters read as text, so a bad value is a 400 problem naming the field (JAX-RS would
 * answer 404 for an {@code int} parameter it cannot convert). Same rules as the task listing's paging.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static int integer(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ApiException.invalid(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, "must be a whole number");
        }
    }
}
