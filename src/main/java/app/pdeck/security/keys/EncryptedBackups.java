package app.pdeck.security.keys;

import java.util.Map;

/**
 * The backups sealed with each encryption key, as the backup feature counts them: a key is removable only when no
 * stored value and no backup needs it. Implemented by the backup feature, so this package does not depend on it
 * (backups themselves are encrypted with this package's keys).
 */
public interface EncryptedBackups {

    /** Key id → number of complete backups encrypted with it. */
    Map<String, Long> backupsPerKey();
}
