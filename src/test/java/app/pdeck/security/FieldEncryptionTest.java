package app.pdeck.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class FieldEncryptionTest {

    private static String key(int fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, (byte) fill);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static FieldEncryption withKeys(String keys, String active) {
        FieldEncryption encryption = new FieldEncryption();
        encryption.log = Logger.getLogger("test");
        encryption.config = new app.pdeck.testsupport.MapConfig().set("pdeck.crypto.keys", keys)
                .set("pdeck.crypto.active-key", active);
        return encryption;
    }

    @Test
    void roundTripsAndNamesTheActiveKey() {
        FieldEncryption encryption = withKeys("k1:" + key(1) + ",k2:" + key(2), "k2");
        EncryptedValue sealed = encryption.encrypt("ghp_secret-token", "integration-1");
        assertEquals("k2", sealed.getKeyId());
        assertFalse(sealed.getCiphertext().contains("secret"));
        assertEquals("ghp_secret-token", encryption.decrypt(sealed, "integration-1"));
    }

    @Test
    void valuesSealedWithAnOlderKeyStayReadableAfterRotation() {
        EncryptedValue old = withKeys("k1:" + key(1), "k1").encrypt("token", "i");
        FieldEncryption rotated = withKeys("k1:" + key(1) + ",k2:" + key(2), "k2");
        assertEquals("token", rotated.decrypt(old, "i"));
        assertEquals("k2", rotated.encrypt("token", "i").getKeyId());
    }

    @Test
    void aCiphertextMovedToAnotherRecordOrTamperedWithDoesNotDecrypt() {
        FieldEncryption encryption = withKeys("k1:" + key(1), null);
        EncryptedValue sealed = encryption.encrypt("token", "record-a");
        assertThrows(IllegalStateException.class, () -> encryption.decrypt(sealed, "record-b"));
        byte[] raw = Base64.getDecoder().decode(sealed.getCiphertext());
        raw[raw.length - 1] ^= 1;
        EncryptedValue tampered = new EncryptedValue("k1", Base64.getEncoder().encodeToString(raw));
        assertThrows(IllegalStateException.class, () -> encryption.decrypt(tampered, "record-a"));
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() {
        FieldEncryption encryption = withKeys("k1:" + key(1), null);
        assertNotEquals(encryption.encrypt("t", "i").getCiphertext(), encryption.encrypt("t", "i").getCiphertext());
    }

    @Test
    void aMisconfiguredKeyIsRefusedWithoutEchoingIt() {
        FieldEncryption encryption = withKeys("k1:c2hvcnQ=", null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> encryption.encrypt("t", "i"));
        assertFalse(e.getMessage().contains("c2hvcnQ="));
    }

    @Test
    void keysChangedInConfigurationApplyWithoutARestartAndABrokenChangeKeepsTheLastValidOnes() {
        FieldEncryption encryption = withKeys("k1:" + key(1), "k1");
        EncryptedValue old = encryption.encrypt("token", "i");
        app.pdeck.testsupport.MapConfig config = (app.pdeck.testsupport.MapConfig) encryption.config;
        config.set("pdeck.crypto.keys", "k1:" + key(1) + ",k2:" + key(2)).set("pdeck.crypto.active-key", "k2");
        assertEquals("k2", encryption.encrypt("token", "i").getKeyId());
        assertEquals("token", encryption.decrypt(old, "i"));
        config.set("pdeck.crypto.keys", "k1:broken");
        assertEquals("k2", encryption.activeKeyId());
    }
}
