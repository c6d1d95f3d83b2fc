package app.pdeck.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.pdeck.testsupport.Deployments;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's "A first session" runs as written: its bash block, pointed at the test server (and a fresh email, as
 * the test database is shared), registers, signs in, creates a task and lists it.
 */
@ExtendWith(ArquillianExtension.class)
class ReadmeSessionIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.applicationWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void theReadmesFirstSessionRegistersSignsInCreatesAndLists() throws Exception {
        Matcher block = Pattern.compile("## A first session\\n.*?```bash\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("README.md")));
        assertTrue(block.find(), "README.md has a bash block under 'A first session'");
        String script = block.group(1)
                .replace("localhost:8080", base.getHost() + ":" + base.getPort())
                .replace("ada@example.com", "ada-" + UUID.randomUUID() + "@example.com");
        assertEquals(4, script.strip().lines().count(), "register, sign in, create, list");

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS), "the session finished");
        assertEquals(0, bash.exitValue(), output);

        // curl prints bodies without a newline: the list's page is the last JSON object of the output.
        String page = output.substring(Math.max(0, output.lastIndexOf("{\"items\":[")));
        assertTrue(page.contains("\"title\":\"Buy oat milk\"") && page.strip().endsWith("\"total\":1}"), output);
    }
}
