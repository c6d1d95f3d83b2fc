package app.pdeck.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The key that signs access tokens (RS256, with a {@code kid}) and its public half as a JWK set. Every node of a
 * cluster must be given the same key ({@code PDECK_JWT_SIGNING_KEY}); without one, a throw-away key is generated
 * and tokens die with the server.
 */
@ApplicationScoped
public class SigningKeys {

    @Inject
    Config config;

    public RSAKey signingKey() {
        return SigningKeyRing.signingKey(config);
    }

    /** The public keys tokens may be verified with; safe to publish. */
    public JWKSet publicKeys() {
        return SigningKeyRing.publicKeys(config);
    }
}
