package app.pdeck.platform.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code redis://[user[:password]@]host[:port][/db]} or {@code rediss://} URL. Credentials are kept apart
 * from the address so the address can be logged.
 */
public record RedisEndpoint(String address, String username, String password, int database) {

    public static RedisEndpoint parse(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("redis.url is not a valid URL (expected redis://host:port)");
        }
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            throw new IllegalArgumentException("redis.url must start with redis:// or rediss://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("redis.url has no host");
        }
        String username = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo);
            } else {
                username = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("redis.url database must be a number, e.g. redis://host:6379/0");
            }
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        return new RedisEndpoint(scheme + "://" + uri.getHost() + ":" + port, username, password, database);
    }

    /** {@code redis} or {@code rediss}. */
    String scheme() {
        return address.substring(0, address.indexOf("://"));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return address + "/" + database + (password == null ? "" : " (with credentials)");
    }
}
