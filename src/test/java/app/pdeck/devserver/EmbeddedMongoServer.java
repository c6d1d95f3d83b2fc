package app.pdeck.devserver;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Development and test stand-in for MongoDB: mongo-java-server with its H2 MVStore file backend, speaking the
 * MongoDB wire protocol on 127.0.0.1. Run as its own process by {@code ops/run} and the integration tests.
 *
 * <p>Usage: {@code EmbeddedMongoServer --port 27017 --file data/mongo/pdeck.mv [--exit-with-parent]
 * [--log-read-preferences]}
 *
 * <p>With {@code --exit-with-parent} the server stops when its standard input closes, so a test JVM that dies
 * never leaves it behind. With {@code --log-read-preferences} every command that arrives with a read preference
 * other than the primary is printed ({@value #READ_PREFERENCE_LINE}…), so integration tests see which member a
 * read asked for: a standalone server answers every read itself.
 */
public final class EmbeddedMongoServer {

    /** The start of each line {@code --log-read-preferences} prints. */
    public static final String READ_PREFERENCE_LINE = "read preference ";

    private EmbeddedMongoServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 27017;
        Path file = Path.of("data", "mongo", "pdeck.mv");
        boolean exitWithParent = false;
        boolean logReadPreferences = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--exit-with-parent" -> exitWithParent = true;
                case "--log-read-preferences" -> logReadPreferences = true;
                default -> {
                    System.err.println("usage: EmbeddedMongoServer [--port N] [--file PATH] [--exit-with-parent]"
                            + " [--log-read-preferences]");
                    System.exit(2);
                }
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        H2Backend backend = new DurableH2Backend(file.toAbsolutePath().toString(), logReadPreferences);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "embedded-mongo-shutdown"));
        // The launching scripts wait for this exact line.
        System.out.println("embedded MongoDB listening on 127.0.0.1:" + port + " with data in " + file);
        System.out.flush();
        if (exitWithParent) {
            waitForEndOfInput(System.in);
            System.exit(0);
        }
        stopped.await();
    }

    /**
     * Commits the H2 store after every command that changes data, before the answer goes out. H2's MVStore would
     * otherwise commit in the background about once a second, so a killed server lost writes it had acknowledged
     * (found by ops/chaos/run mongo-kill). A commit writes to the file (the OS page cache): it survives the process
     * being killed, not a machine crash — MongoDB's journal would survive that too.
     */
    static final class DurableH2Backend extends H2Backend {

        private static final java.util.Set<String> WRITES = java.util.Set.of("insert", "update", "delete",
                "findandmodify", "createindexes", "drop", "dropindexes", "dropdatabase", "renamecollection", "create",
                "collmod");

        private final boolean logReadPreferences;

        DurableH2Backend(String file, boolean logReadPreferences) {
            super(file);
            this.logReadPreferences = logReadPreferences;
        }

        /** In memory, for unit tests of the server's own query code. */
        DurableH2Backend(org.h2.mvstore.MVStore store) {
            super(store);
            this.logReadPreferences = false;
        }

        @Override
        protected de.bwaldvogel.mongo.MongoDatabase openOrCreateDatabase(String databaseName) {
            // Called from H2Backend's constructor too: use nothing of this class's own state.
            return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
        }

        @Override
        public de.bwaldvogel.mongo.bson.Document handleCommand(io.netty.channel.Channel channel, String database,
                                                               String command,
                                                               de.bwaldvogel.mongo.bson.Document query) {
            Object readPreference = query.get("$readPreference");
            if (logReadPreferences && readPreference != null) {
                // read preference {"mode" : "secondaryPreferred", "maxStalenessSeconds" : 90}: aggregate pdeck.tasks
                System.out.println(READ_PREFERENCE_LINE + readPreference + ": " + command + " " + database + "."
                        + query.get(command));
                System.out.flush();
            }
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                if (WRITES.contains(command.toLowerCase(java.util.Locale.ROOT))) {
                    commit();
                }
            }
        }
    }

    private static void waitForEndOfInput(InputStream in) throws IOException {
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // Nothing is expected on stdin; only its end matters.
        }
    }
}
