package app.pdeck.info;

import app.pdeck.platform.mongo.MongoConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.bson.Document;

/** Reports the build's version and the connected MongoDB server's version. */
@ApplicationScoped
public class InfoService {

    @Inject
    MongoConnection mongo;

    private String version;

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
        Document buildInfo = mongo.database().runCommand(new Document("buildInfo", 1));
        return new ServiceInfo("pdeck-data-service", version, mongo.databaseName(), buildInfo.getString("version"));
    }
}
