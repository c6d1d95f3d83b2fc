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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Facts the README and the pages under {@code docs/} state about the build and the code, checked against the build
 * and the code, so an operator who follows them is not sent to a port, a collection, a script step or a section that
 * does not exist.
 */
class ReadmeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String README_PATH = "README.md";
    /** README.md first, then every docs/*.md, by path relative to the repository root. */
    private static final Map<String, String> PAGES = pages();
    private static final String README = PAGES.get(README_PATH);
    private static final String POM = read(ROOT.resolve("pom.xml"));
    private static final int README_MAX_BYTES = 10_000;

    @Test
    void theIntegrationTestPortsTheDocsNameFollowThePomsPortOffset() {
        Matcher offsetInPom = Pattern.compile("<it\\.port\\.offset>(\\d+)</it\\.port\\.offset>").matcher(POM);
        assertTrue(offsetInPom.find(), "pom.xml sets it.port.offset");
        int offset = Integer.parseInt(offsetInPom.group(1));

        int sentences = 0;
        int elsewhere = 0;
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            Matcher tests = Pattern.compile("port offset of (\\d+) \\(HTTP (\\d+), management (\\d+)")
                    .matcher(page.getValue());
            while (tests.find()) {
                sentences++;
                assertEquals(List.of(offset, 8080 + offset, 9990 + offset), List.of(Integer.parseInt(tests.group(1)),
                        Integer.parseInt(tests.group(2)), Integer.parseInt(tests.group(3))),
                        page.getKey() + ": " + tests.group());
            }
            Matcher management = Pattern.compile("the integration tests use (\\d+)").matcher(page.getValue());
            while (management.find()) {
                elsewhere++;
                assertEquals(9990 + offset, Integer.parseInt(management.group(1)), page.getKey()
                        + ": management port in '" + management.group() + "'");
            }
        }
        assertTrue(sentences > 0, "docs/testing.md names the offset and both ports");
        assertTrue(elsewhere > 0, "docs/monitoring.md names the test server's management port");
    }

    /**
     * Collections, functions, fields: a {@code snake_case} name in backticks is something an operator looks for, so
     * it must exist in the application, its configuration or the scripts. Prometheus series ({@code pdeck_…}) are
     * named by the registry from dotted meter names and are left out.
     */
    @Test
    void everySnakeCaseNameTheDocsQuoteExistsInTheCodeOrTheScripts() {
        Map<String, String> quoted = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            Matcher m = Pattern.compile("`([a-z][a-z0-9]*(?:_[a-z0-9]+)+)`").matcher(page.getValue());
            while (m.find()) {
                if (!m.group(1).startsWith("pdeck_")) {
                    quoted.putIfAbsent(m.group(1), page.getKey());
                }
            }
        }
        assertFalse(quoted.isEmpty());
        String sources = sources(ROOT.resolve("src/main"), ROOT.resolve("ops"), ROOT.resolve("wildfly-config"));
        List<String> missing = quoted.entrySet().stream().filter(e -> !sources.contains(e.getKey()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        assertEquals(List.of(), missing, "named in the docs, found nowhere in src/main, ops or wildfly-config");
    }

    @Test
    void everyCliScriptIsAppliedWhereTheDocsSay() {
        Set<String> provisioned = new TreeSet<>();
        Matcher inPom = Pattern.compile("<script>\\$\\{project\\.basedir}/wildfly-config/([^<]+\\.cli)</script>")
                .matcher(POM);
        while (inPom.find()) {
            provisioned.add(inPom.group(1));
        }
        String all = String.join("\n", PAGES.values());
        Matcher sentence = Pattern.compile("The CLI scripts\\s(.+?)\\sare\\s+applied\\s+during\\s+provisioning",
                Pattern.DOTALL)
                .matcher(all);
        assertTrue(sentence.find(), "docs/configuration.md, WildFly provisioning, lists the scripts provisioning applies");
        assertEquals(provisioned, names(sentence.group(1)), sentence.group());

        List<String> others = new ArrayList<>();
        for (String script : cliScripts()) {
            if (provisioned.contains(script)) {
                continue;
            }
            Matcher by = Pattern.compile("`" + Pattern.quote(script)
                    + "`(?:\\s+is\\s+applied)?\\s+by\\s+`ops/([a-z-]+)").matcher(all);
            assertTrue(by.find(), script + " is not provisioned: the docs must say which ops script applies it");
            String opsScript = read(ROOT.resolve("ops").resolve(by.group(1)));
            assertTrue(opsScript.contains(script), "ops/" + by.group(1) + " does not mention " + script);
            others.add(script);
        }
        assertFalse(others.isEmpty(), "40-credential-store.cli and 45-https.cli are applied by ops scripts");
    }

    /** {@code .ci/run} promises to run exactly the test command the README gives, and docs/testing.md repeats it. */
    @Test
    void ciRunsExactlyTheTestCommandTheReadmeGives() {
        Matcher inReadme = Pattern.compile("(?m)^(mvn [^#\\n]*?)\\s+# unit tests").matcher(README);
        assertTrue(inReadme.find(), "README.md gives the test command as 'mvn … # unit tests, …'");
        String command = inReadme.group(1).strip();

        Matcher inCi = Pattern.compile("(?m)^# The README's test command:\\n(.+)$")
                .matcher(read(ROOT.resolve(".ci/run")));
        assertTrue(inCi.find(), ".ci/run marks the README's test command");
        assertEquals(command, inCi.group(1).strip(), ".ci/run");

        Matcher inTesting = Pattern.compile("runs\\s+exactly\\s+`([^`]+)`").matcher(PAGES.get("docs/testing.md"));
        assertTrue(inTesting.find(), "docs/testing.md says what CI runs");
        assertEquals(command, inTesting.group(1), "docs/testing.md");
    }

    /** A link into the docs that names a page or a heading which moved leads nowhere. */
    @Test
    void everyRelativeLinkPointsAtAFileAndAHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            Path from = ROOT.resolve(page.getKey()).getParent();
            Matcher link = Pattern.compile("\\]\\(([^)\\s]+)\\)").matcher(withoutCodeBlocks(page.getValue()));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? ROOT.resolve(page.getKey()) : from.resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page.getKey() + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(read(resolved)).contains(target.substring(hash + 1))) {
                    broken.add(page.getKey() + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links > 0, "the README links the docs pages");
        assertEquals(List.of(), broken);
    }

    /** The README is the first screen, not the manual. */
    @Test
    void theReadmeStaysAFrontPage() {
        int bytes = README.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < README_MAX_BYTES, "README.md has " + bytes + " bytes; move detail to docs/");
        List<String> unlinked = PAGES.keySet().stream().filter(p -> !p.equals(README_PATH))
                .filter(p -> !README.contains("](" + p + ")")).toList();
        assertEquals(List.of(), unlinked, "docs pages the README's index does not link");
    }

    /** The README and every docs page: a reader sees at once what the page answers. */
    @Test
    void everyPageOpensWithItsTitleAndPurpose() {
        List<String> without = new ArrayList<>();
        for (Map.Entry<String, String> page : PAGES.entrySet()) {
            String[] lines = page.getValue().split("\n", 4);
            boolean ok = lines.length >= 3 && lines[0].startsWith("# ") && lines[1].isBlank()
                    && !lines[2].isBlank() && !lines[2].startsWith("#") && !lines[2].startsWith("|");
            if (!ok) {
                without.add(page.getKey());
            }
        }
        assertEquals(List.of(), without, "a page starts with '# Title', a blank line, then what it is for");
    }

    /** GitHub's heading anchors: lower case, punctuation other than '-' and '_' dropped, spaces as '-'. */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6} (.+)$").matcher(withoutCodeBlocks(markdown));
        while (heading.find()) {
            anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
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

    private static Map<String, String> pages() {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put(README_PATH, read(ROOT.resolve(README_PATH)));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                pages.put(ROOT.relativize(file).toString().replace('\\', '/'), read(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
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
