package app.pdeck.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line restore for when the server is stopped: the same {@link BackupRestorer} the REST API uses, run from
 * the WAR's {@code WEB-INF/classes} and {@code WEB-INF/lib} (see {@code ops/restore --offline}).
 *
 * <p>Usage: {@code OfflineRestore <backup-id> [--target-database NAME]} or {@code OfflineRestore --list}. Reads
 * {@code MONGODB_URI} (required), {@code MONGODB_DATABASE} (default {@code pdeck}) and {@code PDECK_BACKUP_DIR}
 * (default {@code data/backups}) from the environment. Exit status 0 restored, 1 failed, 2 usage, 3 backup invalid
 * (nothing changed).
 */
public final class OfflineRestore {

    private OfflineRestore() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String id = null;
        String targetDatabase = null;
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target-database" -> {
                    if (i + 1 >= args.length) {
                        return usage();
                    }
                    targetDatabase = args[++i];
                }
                case "--list" -> list = true;
                default -> {
                    if (args[i].startsWith("-") || id != null) {
                        return usage();
                    }
                    id = args[i];
                }
            }
        }
        String uri = System.getenv("MONGODB_URI");
        if (uri == null || uri.isBlank()) {
            System.err.println("error: MONGODB_URI is not set (the offline restore connects to MongoDB directly)");
            return 2;
        }
        String database = Optional.ofNullable(System.getenv("MONGODB_DATABASE")).orElse("pdeck");
        BackupDirectory store = new BackupDirectory(Path.of(Optional.ofNullable(System.getenv("PDECK_BACKUP_DIR"))
                .orElse("data/backups")));
        if (list) {
            store.list().forEach(m -> System.out.println(m.id() + "  " + m.database() + "  "
                    + m.totalDocuments() + " documents"));
            return 0;
        }
        if (id == null) {
            return usage();
        }
        String target = targetDatabase != null ? targetDatabase : database;
        if (!BackupRestorer.isValidDatabaseName(target)) {
            System.err.println("error: invalid database name " + target);
            return 2;
        }
        Optional<Path> dir = store.find(id);
        Optional<Manifest> manifest = store.manifest(id);
        if (dir.isEmpty() || manifest.isEmpty()) {
            System.err.println("error: no complete backup " + id + " in " + store.root());
            return 1;
        }
        if (manifest.get().encrypted()) {
            System.err.println("error: backup " + id + " is encrypted with key '" + manifest.get().encryptionKeyId()
                    + "'; restore it through the running service (POST /api/v1/admin/backups/" + id
                    + "/restore), which holds the key. Nothing was changed.");
            return 1;
        }
        try (MongoClient client = MongoClients.create(uri)) {
            RestoreReport report = new BackupRestorer().restore(dir.get(), manifest.get(), client.getDatabase(target),
                    () -> { });
            System.out.println("restored backup " + id + " into " + target + ": " + report.totalDocuments()
                    + " documents " + report.documents());
            System.out.println("note: Redis caches were not flushed; restart the service (or flush the cache) "
                    + "before serving traffic");
            return 0;
        } catch (BackupInvalidException e) {
            System.err.println("error: " + e.getMessage() + " (nothing was changed)");
            return 3;
        } catch (Exception e) {
            System.err.println("error: restore failed: " + e + ". If it stopped while replacing collections, "
                    + "restore_journal records how far it got and the next restore (of any backup) finishes it "
                    + "first; otherwise the existing data is unchanged");
            return 1;
        }
    }

    private static int usage() {
        System.err.println("usage: OfflineRestore <backup-id> [--target-database NAME] | OfflineRestore --list");
        return 2;
    }
}
