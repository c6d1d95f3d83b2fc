package app.pdeck.security.ratelimit;

import java.time.Duration;

/**
 * One configured budget: {@code permits} requests per {@code window}, read from
 * {@code pdeck.ratelimit.<name>.permits} and {@code .window-seconds}; 0 permits switches the limit off.
 */
record RateLimit(String name, long permits, Duration window) {

    boolean enabled() {
        return permits > 0;
    }

    /**
     * Seconds until one more request fits at the configured rate: the window shared out over its permits, rounded up,
     * at least one. A client waiting this long may still be refused after a burst and is then told again.
     */
    long retryAfterSeconds() {
        long millis = window.toMillis() / Math.max(1, permits);
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Redis key of one subject's budget; the rate is part of the name so a changed setting starts a fresh budget. */
    String key(String hashTaggedSubject) {
        return "pdeck:ratelimit:" + name + ":" + permits + "per" + window.toSeconds() + "s:" + hashTaggedSubject;
    }
}
