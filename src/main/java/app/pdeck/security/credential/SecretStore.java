package app.pdeck.security.credential;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.Provider;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * The WildFly Elytron credential store the server defines as {@code pdeck} (wildfly-config/40-credential-store.cli):
 * a JCEKS {@code KeyStoreCredentialStore} file whose aliases are configuration property names. Read with the Elytron
 * API from the file the server's own store uses, re-read when the file changes (ops/credentials writes through the
 * server), written when the application rotates a credential. Values never leave this class except to the caller
 * that asks for one alias.
 */
public final class SecretStore {

    /** The store's password; the same variable the server's credential-reference resolves. */
    static final String PASSWORD_VARIABLE = "PDECK_CREDENTIAL_STORE_PASSWORD";
    /** Where the file is, relative to the server's data directory unless absolute (as in 40-credential-store.cli). */
    static final String LOCATION = "pdeck/credentials.cs";
    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final Logger LOG = Logger.getLogger(SecretStore.class.getName());
    private static volatile SecretStore shared;

    private final Path file;
    private final char[] password;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), null, -1, 0, 0);
    private String lastProblem;

    private record Snapshot(Map<String, String> values, FileTime modified, long size, long checkedAt, long version) {
    }

    SecretStore(Path file, char[] password) {
        this.file = file;
        this.password = password;
    }

    /** The store of this server, or an empty one when no password is given (development: environment variables). */
    public static SecretStore shared() {
        SecretStore current = shared;
        if (current == null) {
            synchronized (SecretStore.class) {
                if (shared == null) {
                    shared = fromEnvironment();
                }
                current = shared;
            }
        }
        return current;
    }

    private static SecretStore fromEnvironment() {
        String password = System.getenv(PASSWORD_VARIABLE);
        String dataDir = System.getProperty("jboss.server.data.dir", ".");
        Path file = Path.of(dataDir).resolve(LOCATION);
        if (password == null || password.isEmpty()) {
            LOG.info(() -> PASSWORD_VARIABLE + " is not set: the credential store is not used; secrets come from "
                    + "environment variables and other configuration");
            return new SecretStore(file, null);
        }
        LOG.info(() -> "Secrets are read from the credential store " + file + " when it exists");
        return new SecretStore(file, password.toCharArray());
    }

    /** The store in {@code file} (ops/credentials, tests). */
    public static SecretStore at(Path file, char[] password) {
        return new SecretStore(file, password);
    }

    /** Whether a store password was given, i.e. secrets can be read from and written to the store. */
    public boolean configured() {
        return password != null;
    }

    public Path file() {
        return file;
    }

    /** The secret stored under {@code alias}, if any. */
    public Optional<String> get(String alias) {
        return Optional.ofNullable(current().values().get(alias.toLowerCase()));
    }

    /** The aliases, never the values. */
    public TreeSet<String> aliases() {
        return new TreeSet<>(current().values().keySet());
    }

    /** Grows by one each time the store's content is seen to change. */
    public long version() {
        return current().version();
    }

    /** Stores (or replaces) secrets and writes the file; readers see them at once. */
    public synchronized void put(Map<String, String> secrets) {
        requireConfigured();
        try {
            CredentialStore store = open(true);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                store.store(secret.getKey(), new PasswordCredential(
                        ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, secret.getValue().toCharArray())));
            }
            store.flush();
        } catch (CredentialStoreException e) {
            throw new IllegalStateException("cannot write the credential store " + file + ": " + e.getMessage());
        }
        snapshot = reload(snapshot.version());
    }

    /** Removes secrets; absent aliases are ignored. */
    public synchronized void remove(Iterable<String> aliases) {
        requireConfigured();
        try {
            CredentialStore store = open(true);
            for (String alias : aliases) {
                if (store.exists(alias.toLowerCase(), PasswordCredential.class)) {
                    store.remove(alias.toLowerCase(), PasswordCredential.class);
                }
            }
            store.flush();
        } catch (CredentialStoreException e) {
            throw new IllegalStateException("cannot write the credential store " + file + ": " + e.getMessage());
        }
        snapshot = reload(snapshot.version());
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new IllegalStateException("no credential store: set " + PASSWORD_VARIABLE
                    + " and create the store (docs/security.md)");
        }
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        if (password == null || System.nanoTime() - seen.checkedAt() < RECHECK_NANOS) {
            return seen;
        }
        synchronized (this) {
            seen = snapshot;
            if (System.nanoTime() - seen.checkedAt() < RECHECK_NANOS) {
                return seen;
            }
            try {
                if (!Files.exists(file)) {
                    snapshot = new Snapshot(Map.of(), null, -1, System.nanoTime(),
                            seen.modified() == null ? seen.version() : seen.version() + 1);
                } else if (Files.getLastModifiedTime(file).equals(seen.modified()) && Files.size(file) == seen.size()) {
                    snapshot = new Snapshot(seen.values(), seen.modified(), seen.size(), System.nanoTime(),
                            seen.version());
                } else {
                    snapshot = reload(seen.version());
                }
            } catch (Exception e) {
                // Keep serving what was read last; a half-written file is read again on the next check. Said once
                // per distinct problem, not every half second.
                String problem = String.valueOf(e.getMessage());
                if (!problem.equals(lastProblem)) {
                    lastProblem = problem;
                    LOG.warning(() -> "cannot read the credential store " + file + ": " + problem);
                }
                snapshot = new Snapshot(seen.values(), seen.modified(), seen.size(), System.nanoTime(),
                        seen.version());
            }
            return snapshot;
        }
    }

    private Snapshot reload(long previousVersion) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            CredentialStore store = open(false);
            Map<String, String> values = new HashMap<>();
            for (String alias : store.getAliases()) {
                PasswordCredential credential = store.retrieve(alias, PasswordCredential.class);
                if (credential != null) {
                    ClearPassword clear = credential.getPassword(ClearPassword.class);
                    if (clear != null) {
                        values.put(alias, new String(clear.getPassword()));
                    }
                }
            }
            return new Snapshot(Collections.unmodifiableMap(values), modified, size, System.nanoTime(),
                    previousVersion + 1);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the credential store " + file + " (wrong "
                    + PASSWORD_VARIABLE + "?): " + e.getMessage());
        }
    }

    private CredentialStore open(boolean create) throws CredentialStoreException {
        try {
            if (create) {
                Files.createDirectories(file.getParent());
            }
            CredentialStore store = CredentialStore.getInstance("KeyStoreCredentialStore",
                    WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(Map.of("location", file.toString(), "create", String.valueOf(create),
                            "modifiable", "true", "keyStoreType", "JCEKS"),
                    new CredentialStore.CredentialSourceProtectionParameter(IdentityCredentials.NONE.withCredential(
                            new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR, password)))),
                    providers());
            return store;
        } catch (CredentialStoreException e) {
            throw e;
        } catch (Exception e) {
            throw new CredentialStoreException(e.getMessage(), e);
        }
    }

    private static Provider[] providers() {
        return new Provider[] {WildFlyElytronPasswordProvider.getInstance(),
                WildFlyElytronCredentialStoreProvider.getInstance()};
    }
}
