package app.pdeck.info;

import app.pdeck.platform.mongo.MongoConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import org.bson.Document;

/**
 * Reports the build's version and the connected MongoDB server's version. The server version is read once, when
 * first asked for, and then kept up to date by the readiness probe ({@link #serverVersionSeen}), so answering
 * {@code GET /info} costs no database call.
 */
@ApplicationScoped
public class InfoService {

    @Inject
    MongoConnection mongo;

    private String version;
    private volatile ServiceInfo current;

    @PostConstruct
    void readBuildInfo() {
        Properties build = new Properties();
        try (InputStream in = InfoService.class.getResourceAsStream("/pdeck-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        version = build.getProperty("version", "unknown");
    }

    public ServiceInfo describe() {
        ServiceInfo info = current;
        if (info == null) {
            serverVersionSeen(serverVersion(mongo.database().runCommand(new Document("buildInfo", 1))));
            info = current;
        }
        return info;
    }

    /** The version in a {@code buildInfo} answer. */
    public static String serverVersion(Document buildInfo) {
        return buildInfo.getString("version");
    }

    /** The MongoDB server answered with this version (a probe, or the first {@link #describe}). */
    public void serverVersionSeen(String mongoServerVersion) {
        ServiceInfo info = current;
        if (info == null || !Objects.equals(info.mongoServerVersion(), mongoServerVersion)) {
            current = new ServiceInfo("pdeck-data-service", version, mongo.databaseName(), mongoServerVersion);
        }
    }
}
