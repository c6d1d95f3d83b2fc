package app.pdeck.security;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the public keys this service signs with as {@code mp.jwt.verify.publickey} (a JWK set), so
 * verification always uses exactly those keys, including a generated development key. Registered in
 * META-INF/services; the key is loaded on the first request for the property.
 */
public class JwtVerificationKeySource implements ConfigSource {

    static final String PROPERTY = "mp.jwt.verify.publickey";

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY));
    }

    @Override
    public String getValue(String propertyName) {
        if (!PROPERTY.equals(propertyName)) {
            return null;
        }
        return SigningKeyRing.publicKeys(ConfigProvider.getConfig(JwtVerificationKeySource.class.getClassLoader()))
                .toString();
    }

    @Override
    public String getName() {
        return "pdeck-signing-keys";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
