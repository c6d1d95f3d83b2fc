package app.pdeck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Facts the README states about the build and the code, checked against the build and the code, so an operator who
 * follows it is not sent to a port, a collection or a script step that does not exist.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String README = read(ROOT.resolve("README.md"));
    private static final String POM = read(ROOT.resolve("pom.xml"));

    @Test
    void theIntegrationTestPortsTheReadmeNamesFollowThePomsPortOffset() {
        Matcher offsetInPom = Pattern.compile("<it\\.port\\.offset>(\\d+)</it\\.port\\.offset>").matcher(POM);
        assertTrue(offsetInPom.find(), "pom.xml sets it.port.offset");
        int offset = Integer.parseInt(offsetInPom.group(1));

        Matcher tests = Pattern.compile("port offset of (\\d+) \\(HTTP (\\d+), management (\\d+)").matcher(README);
        assertTrue(tests.find(), "the Tests section names the offset and both ports");
        assertEquals(List.of(offset, 8080 + offset, 9990 + offset), List.of(Integer.parseInt(tests.group(1)),
                Integer.parseInt(tests.group(2)), Integer.parseInt(tests.group(3))), tests.group());

        Matcher elsewhere = Pattern.compile("the integration tests use (\\d+)").matcher(README);
        int seen = 0;
        while (elsewhere.find()) {
            seen++;
            assertEquals(9990 + offset, Integer.parseInt(elsewhere.group(1)), "management port in '"
                    + elsewhere.group() + "'");
        }
        assertTrue(seen > 0, "the Monitoring section names the test server's management port");
    }

    /**
     * Collections, functions, fields: a {@code snake_case} name in backticks is something an operator looks for, so
     * it must exist in the application, its configuration or the scripts. Prometheus series ({@code pdeck_…}) are
     * named by the registry from dotted meter names and are left out.
     */
    @Test
    void everySnakeCaseNameTheReadmeQuotesExistsInTheCodeOrTheScripts() {
        Set<String> quoted = new TreeSet<>();
        Matcher m = Pattern.compile("`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`").matcher(README);
        while (m.find()) {
            if (!m.group(1).startsWith("pdeck_")) {
                quoted.add(m.group(1));
            }
        }
        assertFalse(quoted.isEmpty());
        String sources = sources(ROOT.resolve("src/main"), ROOT.resolve("ops"), ROOT.resolve("wildfly-config"));
        List<String> missing = quoted.stream().filter(name -> !sources.contains(name)).toList();
        assertEquals(List.of(), missing, "named in README.md, found nowhere in src/main, ops or wildfly-config");
    }

    @Test
    void everyCliScriptIsAppliedWhereTheReadmeSays() {
        Set<String> provisioned = new TreeSet<>();
        Matcher inPom = Pattern.compile("<script>\\$\\{project\\.basedir}/wildfly-config/([^<]+\\.cli)</script>")
                .matcher(POM);
        while (inPom.find()) {
            provisioned.add(inPom.group(1));
        }
        Matcher sentence = Pattern.compile("The CLI scripts\\s(.+?)\\sare\\s+applied\\s+during\\s+provisioning",
                Pattern.DOTALL)
                .matcher(README);
        assertTrue(sentence.find(), "the WildFly provisioning section lists the scripts provisioning applies");
        assertEquals(provisioned, names(sentence.group(1)), sentence.group());

        List<String> others = new ArrayList<>();
        for (String script : cliScripts()) {
            if (provisioned.contains(script)) {
                continue;
            }
            Matcher by = Pattern.compile("`" + Pattern.quote(script)
                    + "`(?:\\s+is\\s+applied)?\\s+by\\s+`ops/([a-z-]+)").matcher(README);
            assertTrue(by.find(), script + " is not provisioned: the README must say which ops script applies it");
            String opsScript = read(ROOT.resolve("ops").resolve(by.group(1)));
            assertTrue(opsScript.contains(script), "ops/" + by.group(1) + " does not mention " + script);
            others.add(script);
        }
        assertFalse(others.isEmpty(), "40-credential-store.cli and 45-https.cli are applied by ops scripts");
    }

    private static List<String> cliScripts() {
        try (Stream<Path> files = Files.list(ROOT.resolve("wildfly-config"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cli")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> names(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(\\d\\d-[a-z-]+\\.cli)").matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String sources(Path... roots) {
        StringBuilder all = new StringBuilder();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    // bytes as Latin-1: any file reads, and ASCII names are found in UTF-8 text unchanged
                    all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
