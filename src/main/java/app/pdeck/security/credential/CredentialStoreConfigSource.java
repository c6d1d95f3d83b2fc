package app.pdeck.security.credential;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Serves every alias of the credential store as the configuration property of that name ({@code redis.password},
 * {@code pdeck.jwt.signing-key} …), above system properties (400) and environment variables (300): a secret in the
 * store wins, and without a store the environment still configures everything (development). Registered in
 * META-INF/services; values are looked up on every read, so a changed store is seen within a second.
 */
public class CredentialStoreConfigSource implements ConfigSource {

    static final int ORDINAL = 450;

    @Override
    public Set<String> getPropertyNames() {
        return SecretStore.shared().aliases();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> values = new HashMap<>();
        for (String alias : SecretStore.shared().aliases()) {
            SecretStore.shared().get(alias).ifPresent(value -> values.put(alias, value));
        }
        return values;
    }

    @Override
    public String getValue(String propertyName) {
        return SecretStore.shared().get(propertyName).orElse(null);
    }

    @Override
    public String getName() {
        return "pdeck-credential-store";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
