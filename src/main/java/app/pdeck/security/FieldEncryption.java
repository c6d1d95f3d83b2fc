package app.pdeck.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets stored in documents (integration access tokens) with AES-256-GCM. Each value names the key that
 * sealed it, so keys can rotate: new values use {@code pdeck.crypto.active-key}, older keys stay readable while they
 * are configured. The record's id is bound in as associated data, so a ciphertext copied into another record does
 * not decrypt.
 */
@ApplicationScoped
public class FieldEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    Logger log;

    /** {@code keyId:base64(32 bytes)} pairs separated by commas. */
    @Inject
    @ConfigProperty(name = "pdeck.crypto.keys")
    Optional<String> configuredKeys;

    @Inject
    @ConfigProperty(name = "pdeck.crypto.active-key")
    Optional<String> activeKeyId;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private String activeKey;

    @PostConstruct
    void loadKeys() {
        String spec = configuredKeys.filter(s -> !s.isBlank()).orElseGet(this::developmentKey);
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            byte[] material = parts.length == 2 ? decode(parts[1]) : new byte[0];
            if (parts.length != 2 || parts[0].isBlank() || material.length != 32) {
                throw new IllegalStateException("pdeck.crypto.keys must be keyId:base64-of-32-bytes[,…]");
            }
            keys.put(parts[0], new SecretKeySpec(material, "AES"));
        }
        activeKey = activeKeyId.filter(keys::containsKey).orElse(keys.keySet().iterator().next());
    }

    public EncryptedValue encrypt(String plaintext, String recordId) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return new EncryptedValue(activeKey, Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(EncryptedValue value, String recordId) {
        SecretKey key = keys.get(value.getKeyId());
        if (key == null) {
            throw new IllegalStateException("no key '" + value.getKeyId() + "' is configured to decrypt this value");
        }
        byte[] in = Base64.getDecoder().decode(value.getCiphertext());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the value does not decrypt with key '" + value.getKeyId() + "'");
        }
    }

    public String activeKeyId() {
        return activeKey;
    }

    /**
     * Without configured keys (development), one key is generated on first start and kept, readable by this server's
     * user only, in the server's data directory, so encrypted values survive restarts.
     */
    private String developmentKey() {
        Path file = Path.of(System.getProperty("jboss.server.data.dir", "."), "pdeck", "dev-encryption.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] material = new byte[32];
                random.nextBytes(material);
                Files.writeString(file, "dev-1:" + Base64.getEncoder().encodeToString(material));
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // Not a POSIX file system; the file keeps the directory's permissions.
                }
            }
            log.warning("pdeck.crypto.keys is not set: using the development key in " + file
                    + "; set PDECK_CRYPTO_KEYS in production");
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the development encryption key", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
