package app.pdeck.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The RSA key that signs access tokens, loaded once per deployment from {@code pdeck.jwt.signing-key} (or generated
 * when unset). Not a CDI bean on purpose: MicroProfile JWT asks for the verification key through configuration
 * ({@link JwtVerificationKeySource}) while the deployment is still being set up, before CDI beans exist.
 */
final class SigningKeyRing {

    private static final Logger LOG = Logger.getLogger(SigningKeyRing.class.getName());
    private static volatile RSAKey key;

    private SigningKeyRing() {
    }

    static RSAKey signingKey(Config config) {
        RSAKey current = key;
        if (current == null) {
            synchronized (SigningKeyRing.class) {
                if (key == null) {
                    key = load(config);
                }
                current = key;
            }
        }
        return current;
    }

    static JWKSet publicKeys(Config config) {
        return new JWKSet(signingKey(config).toPublicJWK());
    }

    private static RSAKey load(Config config) {
        String keyId = config.getOptionalValue("pdeck.jwt.key-id", String.class).orElse("pdeck-1");
        Optional<String> pem = config.getOptionalValue("pdeck.jwt.signing-key", String.class).filter(s -> !s.isBlank());
        if (pem.isPresent()) {
            return fromPem(pem.get(), keyId);
        }
        LOG.warning("pdeck.jwt.signing-key is not set: using a throw-away RSA key; tokens become invalid when this "
                + "server stops and are not accepted by other nodes. Set PDECK_JWT_SIGNING_KEY in production.");
        try {
            return new RSAKeyGenerator(2048).keyID(keyId + "-ephemeral").keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey fromPem(String pem, String keyId) {
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).build();
        } catch (Exception e) {
            // Never include the key material in the message.
            throw new IllegalStateException("pdeck.jwt.signing-key is not an unencrypted PKCS#8 RSA private key in PEM");
        }
    }
}
