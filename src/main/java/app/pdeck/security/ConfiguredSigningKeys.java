package app.pdeck.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The RSA keys of access tokens, read from configuration at every use so they rotate without a restart.
 *
 * <p>{@code pdeck.jwt.keys} lists {@code keyId:state} pairs; {@code pdeck.jwt.key.<keyId>} holds each key (PKCS#8
 * private key in PEM; a verify-only or retired key may be given as its public key, X.509 PEM). States:
 * <b>active</b> (exactly one: signs new tokens, verifies), <b>verify-only</b> (published and verifies tokens until they
 * expire; a new key is introduced in this state first, see docs/security.md), <b>retired</b> (not published; its tokens
 * are refused at once). Without {@code pdeck.jwt.keys}, the single {@code pdeck.jwt.signing-key} with
 * {@code pdeck.jwt.key-id} is the active key, and without that a throw-away key is generated.
 *
 * <p>Static and parsed only when the configuration's text changes: {@link TokenVerifier} asks for the published keys
 * on every verification and {@link SigningKeys#accepts} for a key's state on every request.
 */
final class ConfiguredSigningKeys {

    /** Where a key is in its life. */
    enum State {
        ACTIVE, VERIFY_ONLY, RETIRED;

        static State parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "active" -> ACTIVE;
                case "verify-only" -> VERIFY_ONLY;
                case "retired" -> RETIRED;
                default -> throw new IllegalStateException("pdeck.jwt.keys: state '" + text.strip()
                        + "' is not one of active, verify-only, retired");
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One configured key; {@code key} holds the private part only when it was configured. */
    record Entry(String id, State state, RSAKey key) {
    }

    /** The parsed configuration, kept while its text does not change. */
    record Ring(String source, Map<String, Entry> entries) {

        RSAKey active() {
            return entries.values().stream().filter(e -> e.state() == State.ACTIVE).findFirst()
                    .map(Entry::key).orElseThrow();
        }

        JWKSet published() {
            List<JWK> keys = new ArrayList<>();
            entries.values().stream().filter(e -> e.state() != State.RETIRED)
                    .sorted((a, b) -> a.state() == State.ACTIVE ? -1 : b.state() == State.ACTIVE ? 1 : 0)
                    .forEach(e -> keys.add(e.key().toPublicJWK()));
            return new JWKSet(keys);
        }
    }

    private static final Logger LOG = Logger.getLogger(ConfiguredSigningKeys.class.getName());
    private static volatile Ring ring;
    private static volatile RSAKey ephemeral;
    private static volatile String rejected;

    private ConfiguredSigningKeys() {
    }

    static Ring ring(Config config) {
        Optional<String> keys = config.getOptionalValue("pdeck.jwt.keys", String.class).filter(s -> !s.isBlank());
        String source = keys.map(spec -> spec + "|" + keyMaterialFingerprint(config, spec))
                .orElseGet(() -> "single|" + config.getOptionalValue("pdeck.jwt.key-id", String.class).orElse("")
                        + "|" + config.getOptionalValue("pdeck.jwt.signing-key", String.class).orElse("").hashCode());
        Ring current = ring;
        if (current == null || !current.source().equals(source)) {
            synchronized (ConfiguredSigningKeys.class) {
                current = ring;
                if (current == null || !current.source().equals(source)) {
                    Map<String, Entry> entries;
                    try {
                        entries = keys.isPresent() ? parse(config, keys.get()) : single(config);
                    } catch (IllegalStateException invalid) {
                        if (current == null) {
                            throw invalid;
                        }
                        // A broken change on a running server: keep the last valid keys rather than fail every request.
                        if (!source.equals(rejected)) {
                            rejected = source;
                            LOG.severe("Signing key configuration rejected, still using " + describe(current) + ": "
                                    + invalid.getMessage());
                        }
                        return current;
                    }
                    current = new Ring(source, entries);
                    if (ring != null) {
                        LOG.info("Signing keys changed: " + describe(current));
                    }
                    ring = current;
                }
            }
        }
        return current;
    }

    static RSAKey signingKey(Config config) {
        return ring(config).active();
    }

    static JWKSet publicKeys(Config config) {
        return ring(config).published();
    }

    /** Whether a token signed with this key id may be accepted now (active or verify-only). */
    static boolean accepts(Config config, String keyId) {
        Entry entry = keyId == null ? null : ring(config).entries().get(keyId);
        return entry != null && entry.state() != State.RETIRED;
    }

    static Map<String, Entry> parse(Config config, String spec) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String item : spec.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split(":", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalStateException("pdeck.jwt.keys must be keyId:state[,keyId:state…]");
            }
            String id = parts[0].strip();
            State state = State.parse(parts[1]);
            String pem = config.getOptionalValue("pdeck.jwt.key." + id, String.class).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new IllegalStateException("pdeck.jwt.keys names key '" + id
                            + "' but pdeck.jwt.key." + id + " is not set"));
            RSAKey key = fromPem(pem, id);
            if (state == State.ACTIVE && !key.isPrivate()) {
                throw new IllegalStateException("the active signing key '" + id + "' must be a private key");
            }
            entries.put(id, new Entry(id, state, key));
        }
        long active = entries.values().stream().filter(e -> e.state() == State.ACTIVE).count();
        if (active != 1) {
            throw new IllegalStateException("pdeck.jwt.keys must have exactly one active key, found " + active);
        }
        return entries;
    }

    private static Map<String, Entry> single(Config config) {
        String keyId = config.getOptionalValue("pdeck.jwt.key-id", String.class).orElse("pdeck-1");
        Optional<String> pem = config.getOptionalValue("pdeck.jwt.signing-key", String.class).filter(s -> !s.isBlank());
        RSAKey key = pem.map(p -> fromPem(p, keyId)).orElseGet(() -> ephemeral(keyId));
        return Map.of(key.getKeyID(), new Entry(key.getKeyID(), State.ACTIVE, key));
    }

    private static synchronized RSAKey ephemeral(String keyId) {
        if (ephemeral == null) {
            LOG.warning("pdeck.jwt.signing-key is not set: using a throw-away RSA key; tokens become invalid when "
                    + "this server stops and are not accepted by other nodes. Set PDECK_JWT_KEYS in production.");
            try {
                ephemeral = new RSAKeyGenerator(2048).keyID(keyId + "-ephemeral").keyUse(KeyUse.SIGNATURE).generate();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return ephemeral;
    }

    /** Changes of any key's text start a new ring; the hash never leaves this class. */
    private static int keyMaterialFingerprint(Config config, String spec) {
        int hash = 1;
        for (String item : spec.split(",")) {
            String id = item.strip().split(":", 2)[0].strip();
            hash = 31 * hash + config.getOptionalValue("pdeck.jwt.key." + id, String.class).orElse("").hashCode();
        }
        return hash;
    }

    private static String describe(Ring ring) {
        StringBuilder text = new StringBuilder();
        ring.entries().values().forEach(e -> text.append(text.length() == 0 ? "" : ", ").append(e.id()).append('=')
                .append(e.state().label()));
        return text.toString();
    }

    static RSAKey fromPem(String pem, String keyId) {
        boolean publicOnly = pem.contains("BEGIN PUBLIC KEY");
        String base64 = pem.replaceAll("-----(BEGIN|END) (PRIVATE|PUBLIC) KEY-----", "").replaceAll("\\s", "");
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            byte[] der = Base64.getDecoder().decode(base64);
            if (publicOnly) {
                RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
                return new RSAKey.Builder(publicKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).build();
            }
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(new PKCS8EncodedKeySpec(der));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).build();
        } catch (Exception e) {
            // Never include the key material in the message.
            throw new IllegalStateException("signing key '" + keyId + "' is not an unencrypted PKCS#8 RSA private key "
                    + "or an X.509 RSA public key in PEM");
        }
    }
}
