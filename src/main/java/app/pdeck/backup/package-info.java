/**
 * Backups in mongodump's {@code --gzip} layout written by the server itself (encrypted as they stream when a key is
 * set), their verification, and a restore that ends with the old data or the whole backup, resumed from its journal
 * after a crash; the same restore code runs offline from {@link app.pdeck.backup.OfflineRestore}.
 */
package app.pdeck.backup;
