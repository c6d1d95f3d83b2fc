package app.pdeck.platform.http;

import java.util.Optional;

/**
 * Where the request this thread serves came from: set by {@link RequestOriginFilter} for the duration of one servlet
 * request, empty on threads that serve no request (timers, jobs).
 */
public final class RequestOrigin {

    private static final ThreadLocal<String> CLIENT_ADDRESS = new ThreadLocal<>();

    private RequestOrigin() {
    }

    /** The client's address, already resolved through the trusted proxies. */
    public static Optional<String> clientAddress() {
        return Optional.ofNullable(CLIENT_ADDRESS.get());
    }

    static void set(String address) {
        CLIENT_ADDRESS.set(address);
    }

    static void clear() {
        CLIENT_ADDRESS.remove();
    }
}
