package app.pdeck.platform.mongo;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Where and as whom the application connects to MongoDB, read from configuration when a client is built:
 * {@code mongodb.uri}, then {@code mongodb.username} / {@code mongodb.password} / {@code mongodb.auth-source} (which
 * win over credentials in the URI and usually come from the credential store), and a trust store for a private CA
 * when the URI asks for {@code tls=true}.
 */
public record MongoSettings(String uri, String username, String password, String authSource, String trustStore,
                            String trustStorePassword, String trustStoreType) {

    public static MongoSettings from(Config config) {
        return new MongoSettings(config.getValue("mongodb.uri", String.class),
                value(config, "mongodb.username").orElse(null),
                value(config, "mongodb.password").orElse(null),
                value(config, "mongodb.auth-source").orElse("admin"),
                value(config, "mongodb.tls.trust-store").orElse(null),
                value(config, "mongodb.tls.trust-store-password").orElse(null),
                value(config, "mongodb.tls.trust-store-type").orElse("PKCS12"));
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }

    /** Whether the credentials come from {@code mongodb.username}/{@code mongodb.password} (not from the URI). */
    public boolean separateCredentials() {
        return username != null && password != null;
    }

    public MongoSettings withCredentials(String newUsername, String newPassword, String newAuthSource) {
        return new MongoSettings(uri, newUsername, newPassword, newAuthSource, trustStore, trustStorePassword,
                trustStoreType);
    }

    /** Safe to log: no password, and the URI's user info redacted. */
    @Override
    public String toString() {
        return app.pdeck.platform.ConnectionStrings.redact(uri)
                + (username == null ? "" : " as " + username + " (auth source " + authSource + ")")
                + (trustStore == null ? "" : ", trust store " + trustStore);
    }
}
