package app.pdeck.testsupport;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The deployment every integration test uses: the WAR the build produced, exactly as it ships, deployed as
 * {@code ROOT.war} so URLs are the production ones ({@code /api/v1/...}).
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive applicationWar() {
        File war = new File(System.getProperty("war.file", "target/ROOT.war"));
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
