package app.pdeck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.MapConfig;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfiguredSigningKeysTest {

    private static final KeyPair FIRST = generate();
    private static final KeyPair SECOND = generate();

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String privatePem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static String publicPem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static MapConfig keys(String spec) {
        return new MapConfig().set("pdeck.jwt.keys", spec).set("pdeck.jwt.key.k1", privatePem(FIRST))
                .set("pdeck.jwt.key.k2", privatePem(SECOND));
    }

    @Test
    void theActiveKeySignsAndActivePlusVerifyOnlyArePublished() {
        MapConfig config = keys("k2:active, k1:verify-only");
        assertEquals("k2", ConfiguredSigningKeys.signingKey(config).getKeyID());
        assertEquals(List.of("k2", "k1"), ConfiguredSigningKeys.publicKeys(config).getKeys().stream()
                .map(k -> k.getKeyID()).toList());
        assertFalse(ConfiguredSigningKeys.publicKeys(config).getKeys().get(0).isPrivate());
        assertTrue(ConfiguredSigningKeys.accepts(config, "k1"));
    }

    @Test
    void aRetiredKeyIsNeitherPublishedNorAcceptedAndChangesApplyAtOnce() {
        MapConfig config = keys("k2:active,k1:verify-only");
        assertTrue(ConfiguredSigningKeys.accepts(config, "k1"));
        config.set("pdeck.jwt.keys", "k2:active,k1:retired");
        assertFalse(ConfiguredSigningKeys.accepts(config, "k1"));
        assertFalse(ConfiguredSigningKeys.accepts(config, "unknown"));
        assertFalse(ConfiguredSigningKeys.accepts(config, null));
        assertEquals(List.of("k2"), ConfiguredSigningKeys.publicKeys(config).getKeys().stream().map(k -> k.getKeyID()).toList());
    }

    @Test
    void aVerifyOnlyKeyMayBeGivenAsItsPublicKeyButTheActiveOneMustBePrivate() {
        MapConfig config = keys("k2:active,k1:verify-only").set("pdeck.jwt.key.k1", publicPem(FIRST));
        assertTrue(ConfiguredSigningKeys.accepts(config, "k1"));
        MapConfig wrong = keys("k1:active").set("pdeck.jwt.key.k1", publicPem(FIRST));
        assertThrows(IllegalStateException.class, () -> ConfiguredSigningKeys.parse(wrong, "k1:active"));
    }

    @Test
    void exactlyOneActiveKeyAndAKeyForEveryNameAreRequired() {
        for (String spec : new String[] {"k1:active,k2:active", "k1:verify-only", "k1:active,k3:retired", "k1:current"}) {
            assertThrows(IllegalStateException.class, () -> ConfiguredSigningKeys.parse(keys(spec), spec), spec);
        }
    }

    @Test
    void aBrokenChangeOnARunningServerKeepsTheLastValidKeys() {
        MapConfig config = keys("k1:active,k2:verify-only");
        assertEquals("k1", ConfiguredSigningKeys.signingKey(config).getKeyID());
        config.set("pdeck.jwt.keys", "k1:active,k2:active");
        assertEquals("k1", ConfiguredSigningKeys.signingKey(config).getKeyID());
        assertTrue(ConfiguredSigningKeys.accepts(config, "k2"));
    }

    @Test
    void errorsNeverContainKeyMaterial() {
        MapConfig broken = keys("k1:active").set("pdeck.jwt.key.k1", "-----BEGIN PRIVATE KEY-----c2VjcmV0-----END PRIVATE KEY-----");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfiguredSigningKeys.parse(broken, "k1:active"));
        assertFalse(e.getMessage().contains("c2VjcmV0"));
    }
}
