package app.pdeck.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout docs/architecture.md shows, held against the code's imports: no two packages import each other, however
 * indirectly, and docs/architecture.dot (the picture's source) has exactly the arrows between top-level packages that
 * the code has. When the code changes, this test prints the new graph; render it with
 * {@code dot -Tsvg docs/architecture.dot -o docs/architecture.svg}.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path PICTURE = Path.of("docs/architecture.dot");
    private static final String ROOT = "app.pdeck.";
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(app\\.pdeck\\.[\\w.]+);",
            Pattern.MULTILINE);
    private static final Pattern ARROW = Pattern.compile("^\\s*\"?([\\w]+)\"?\\s*->\\s*\"?([\\w]+)\"?", Pattern.MULTILINE);

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        List<Set<String>> cycles = cycles(packageGraph());
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** Nor do top-level packages: {@code security.keys} and {@code security} count as one room. */
    @Test
    void noTopLevelPackageDependsOnItselfThroughOthers() {
        assertEquals(List.of(), cycles(roomGraph()), "cycles between top-level packages");
    }

    @Test
    void thePictureHasTheArrowsTheCodeHas() throws IOException {
        Map<String, Set<String>> rooms = roomGraph();
        Set<String> inCode = new TreeSet<>();
        rooms.forEach((from, to) -> to.forEach(target -> inCode.add(from + " -> " + target)));
        Set<String> inPicture = new TreeSet<>();
        Matcher arrows = ARROW.matcher(Files.readString(PICTURE));
        while (arrows.find()) {
            inPicture.add(arrows.group(1) + " -> " + arrows.group(2));
        }
        assertEquals(inCode, inPicture, "docs/architecture.dot is out of date; its arrows should be:\n"
                + String.join("\n", inCode));
    }

    private static Map<String, Set<String>> roomGraph() {
        Map<String, Set<String>> rooms = new TreeMap<>();
        packageGraph().forEach((from, to) -> {
            rooms.computeIfAbsent(room(from), k -> new TreeSet<>());
            to.forEach(target -> {
                if (!room(from).equals(room(target))) {
                    rooms.get(room(from)).add(room(target));
                }
            });
        });
        return rooms;
    }

    /** A top-level package ("room"): {@code app.pdeck.security.keys} is in {@code security}. */
    private static String room(String pkg) {
        return pkg.substring(ROOT.length()).split("\\.")[0];
    }

    /** Package → the packages its classes import (of this application, other than itself). */
    private static Map<String, Set<String>> packageGraph() {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher declared = PACKAGE.matcher(source);
                if (!declared.find()) {
                    continue;
                }
                String pkg = declared.group(1);
                if (!pkg.startsWith(ROOT)) {
                    continue; // app.pdeck itself holds only its package-info
                }
                Set<String> imports = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                Matcher imported = IMPORT.matcher(source);
                while (imported.find()) {
                    String target = packageOf(imported.group(1));
                    if (!target.equals(pkg)) {
                        imports.add(target);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The package part of an imported name: segments up to the first that starts with a capital. */
    private static String packageOf(String imported) {
        List<String> segments = new ArrayList<>();
        for (String segment : imported.split("\\.")) {
            if (Character.isUpperCase(segment.charAt(0))) {
                break;
            }
            segments.add(segment);
        }
        return String.join(".", segments);
    }

    /** Strongly connected components of more than one package (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> found = new ArrayList<>();
        int[] counter = {0};
        for (String node : graph.keySet()) {
            if (!index.containsKey(node)) {
                connect(node, graph, index, low, stack, onStack, found, counter);
            }
        }
        return found.stream().map(c -> (Set<String>) new TreeSet<>(c)).collect(Collectors.toList());
    }

    private static void connect(String node, Map<String, Set<String>> graph, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<Set<String>> found, int[] counter) {
        index.put(node, counter[0]);
        low.put(node, counter[0]++);
        stack.push(node);
        onStack.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (!index.containsKey(next)) {
                connect(next, graph, index, low, stack, onStack, found, counter);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            if (component.size() > 1) {
                found.add(component);
            }
        }
    }
}
