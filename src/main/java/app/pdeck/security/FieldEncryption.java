package app.pdeck.security;

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
import org.eclipse.microprofile.config.Config;

/**
 * Encrypts secrets stored in documents (integration access tokens) with AES-256-GCM. Each value names the key that
 * sealed it, so keys can rotate: new values use {@code pdeck.crypto.active-key}, older keys stay readable while they
 * are configured (the re-encryption job moves values to the active key). Keys are read from configuration at use
 * time. The record's id is bound in as associated data, so a ciphertext copied into another record does
 * not decrypt.
 */
@ApplicationScoped
public class FieldEncryption {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    @Inject
    Logger log;

    @Inject
    Config config;

    private final SecureRandom random = new SecureRandom();

    /** Parsed keys and the configuration text they came from; replaced when the configuration changes. */
    private record KeyRing(String source, Map<String, SecretKey> keys, String active) {
    }

    private volatile KeyRing ring;
    private volatile String rejected;

    /**
     * Reads {@code pdeck.crypto.keys} and {@code pdeck.crypto.active-key} at every use (parsing only when they
     * changed), so a new key and a new active key take effect without a restart.
     */
    private KeyRing ring() {
        String spec = config.getOptionalValue("pdeck.crypto.keys", String.class).filter(s -> !s.isBlank())
                .orElseGet(this::developmentKey);
        String activeId = config.getOptionalValue("pdeck.crypto.active-key", String.class).orElse("");
        String source = activeId + "|" + spec;
        KeyRing current = ring;
        if (current != null && current.source().equals(source)) {
            return current;
        }
        Map<String, SecretKey> keys;
        try {
            keys = parseKeys(spec);
        } catch (IllegalStateException invalid) {
            if (current == null) {
                throw invalid;
            }
            // A broken change on a running server: keep the last valid keys rather than fail every use.
            if (!source.equals(rejected)) {
                rejected = source;
                log.severe("pdeck.crypto.keys rejected, still using " + current.keys().keySet() + ": "
                        + invalid.getMessage());
            }
            return current;
        }
        String active = keys.containsKey(activeId) ? activeId : keys.keySet().iterator().next();
        if (!activeId.isEmpty() && !keys.containsKey(activeId)) {
            log.warning("pdeck.crypto.active-key '" + activeId + "' is not in pdeck.crypto.keys; using '" + active + "'");
        }
        current = new KeyRing(source, Map.copyOf(keys), active);
        if (ring != null) {
            log.info("Encryption keys changed: " + keys.keySet() + ", active " + active);
        }
        ring = current;
        return current;
    }

    static Map<String, SecretKey> parseKeys(String spec) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.strip().split(":", 2);
            byte[] material = parts.length == 2 ? decode(parts[1]) : new byte[0];
            if (parts.length != 2 || parts[0].isBlank() || material.length != 32) {
                throw new IllegalStateException("pdeck.crypto.keys must be keyId:base64-of-32-bytes[,…]");
            }
            keys.put(parts[0].strip(), new SecretKeySpec(material, "AES"));
        }
        return keys;
    }

    public EncryptedValue encrypt(String plaintext, String recordId) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            KeyRing current = ring();
            cipher.init(Cipher.ENCRYPT_MODE, current.keys().get(current.active()), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(recordId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return new EncryptedValue(current.active(), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(EncryptedValue value, String recordId) {
        SecretKey key = ring().keys().get(value.getKeyId());
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
        return ring().active();
    }

    /** Ids of the configured keys, active one included. */
    public java.util.Set<String> keyIds() {
        return ring().keys().keySet();
    }

    /** The key with this id, for other encrypted stores (backups); empty when it is not configured. */
    public Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(ring().keys().get(keyId));
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
