package app.pdeck.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The keys of access tokens (RS256, with a {@code kid}): the active one signs, the public halves of the active and
 * verify-only ones are published as a JWK set. Every node of a cluster must be given the same keys
 * ({@code PDECK_JWT_KEYS} and {@code PDECK_JWT_KEY_<ID>}); without any, a throw-away key is generated and tokens
 * die with the server. See {@link ConfiguredSigningKeys} for the states.
 */
@ApplicationScoped
public class SigningKeys {

    @Inject
    Config config;

    public RSAKey signingKey() {
        return ConfiguredSigningKeys.signingKey(config);
    }

    /** The public keys tokens may be verified with (active and verify-only); safe to publish. */
    public JWKSet publicKeys() {
        return ConfiguredSigningKeys.publicKeys(config);
    }

    /** Whether tokens signed with this key id are accepted now; false for retired and unknown keys. */
    public boolean accepts(String keyId) {
        return ConfiguredSigningKeys.accepts(config, keyId);
    }

    /** Every configured key with its state ({@code active}, {@code verify-only}, {@code retired}), for operators. */
    public java.util.List<KeyState> states() {
        return ConfiguredSigningKeys.ring(config).entries().values().stream()
                .map(e -> new KeyState(e.id(), e.state().label(), e.key().isPrivate())).toList();
    }

    /** A signing key as the admin API shows it: never any key material. */
    public record KeyState(String id, String state, boolean hasPrivateKey) {
    }
}
