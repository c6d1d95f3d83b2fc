/**
 * Backups in mongodump's {@code --gzip} layout written by the server itself, their verification and a restore that
 * changes nothing unless the whole backup loads; the same restore code runs offline from {@link
 * app.pdeck.backup.OfflineRestore}.
 */
package app.pdeck.backup;
