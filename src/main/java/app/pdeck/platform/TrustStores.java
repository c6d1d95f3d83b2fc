package app.pdeck.platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS contexts that trust the certificates of a trust store file (a private CA for MongoDB or Redis). */
public final class TrustStores {

    private TrustStores() {
    }

    /** @param setting the configuration property that named the file, for the error message */
    public static SSLContext context(Path trustStore, String type, String password, String setting) {
        try (InputStream in = Files.newInputStream(trustStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The message names the file, never the password.
            throw new IllegalArgumentException("cannot load " + setting + " " + trustStore + ": " + e.getMessage());
        }
    }
}
