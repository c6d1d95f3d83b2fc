package app.pdeck.security.keys;

import app.pdeck.security.SigningKeys;
import java.util.List;

/**
 * {@code GET /admin/keys}: the encryption keys with how many stored values and backups use each (a key is removable
 * from configuration only when nothing uses it and it is neither the active key nor the backup key; a key in use
 * that is not configured is listed with {@code configured: false}), and
 * the token signing keys with their states. Never any key material.
 */
public record KeyReport(String activeEncryptionKey, List<EncryptionKey> encryptionKeys,
                        List<SigningKeys.KeyState> signingKeys) {

    public record EncryptionKey(String id, boolean configured, boolean active, long values, long backups,
                                boolean removable) {
    }
}
