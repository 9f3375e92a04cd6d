package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cli's packages depend on each other one way only (command, then input, config, options, output, down to the
 * api): reads the package and import lines of the main sources, plus qualified names in code, and fails on a
 * cycle or an import against the layers, naming it.
 */
class PackageCyclesTest {

    private static final String ROOT = "dev.sendmail.cli";
    /** Top to bottom, as in the README's architecture section: a package may import only those after it. */
    private static final List<String> LAYERS = List.of(ROOT, ROOT + ".command", ROOT + ".input", ROOT + ".config",
            ROOT + ".options", ROOT + ".output");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.sendmail\\.cli(?:\\.[a-z_]\\w*)*(?=\\.[A-Z*])");
    private static final Pattern COMMENT = Pattern.compile("(?s)/\\*.*?\\*/|//[^\\n]*");

    @Test
    void cliPackagesFormNoCycle() throws IOException {
        Map<String, Set<String>> graph = graph(Path.of("src", "main", "java"));
        assertTrue(graph.get(ROOT).containsAll(Set.of(ROOT + ".command", ROOT + ".config", ROOT + ".options")),
                "the sources were not read: " + graph);
        assertEquals(List.of(), cycle(graph), "package cycle among the cli packages; the graph: " + graph);
        assertEquals(List.of(), upwards(graph, LAYERS), "imports against the layers " + LAYERS);
    }

    @Test
    void nothingFromTheApisUnexportedPackage() throws IOException {
        // cli runs on the class path, where dev.sendmail.internal is visible, but a library user's code cannot see it
        List<String> using = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String code = COMMENT.matcher(Files.readString(f, StandardCharsets.UTF_8)).replaceAll(" ");
                if (code.contains("dev.sendmail.internal.")) {
                    using.add(f.getFileName().toString());
                }
            }
        }
        assertTrue(using.size() < 1, "cli imports dev.sendmail.internal in " + using);
    }

    @Test
    void anImportAgainstTheLayersIsNamed() {
        Map<String, Set<String>> graph = Map.of("a", Set.of("b", "x"), "b", Set.of("a"), "x", Set.of("a"));
        assertEquals(List.of("b -> a"), upwards(graph, List.of("a", "b")));
    }

    @Test
    void aCycleIsFoundAndNamed() {
        Map<String, Set<String>> graph = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c", "d"),
                "c", Set.of("a"), "d", Set.of()));
        assertEquals(List.of("a", "b", "c", "a"), cycle(graph));
        graph.put("c", Set.of("d"));
        assertEquals(List.of(), cycle(graph));
    }

    @Test
    void referencesAreReadFromImportsAndCodeButNotComments() {
        String source = """
                package dev.sendmail.cli.command;

                import dev.sendmail.cli.output.CliException;
                import static dev.sendmail.cli.options.CliOptions.build;

                /** See {@link dev.sendmail.cli.Main}. */
                class X { dev.sendmail.cli.config.CliConfig c; // dev.sendmail.cli.input.Composer
                }
                """;
        assertEquals(Set.of(ROOT + ".output", ROOT + ".options", ROOT + ".config"), references(source));
    }

    /** Package name to the other cli packages its main sources refer to. */
    static Map<String, Set<String>> graph(Path sources) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources.resolve(ROOT.replace('.', '/')))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                Matcher m = PACKAGE.matcher(text);
                String pkg = m.find() ? m.group(1) : "";
                Set<String> refs = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
                refs.addAll(references(text));
                refs.remove(pkg);
            }
        }
        return graph;
    }

    static Set<String> references(String source) {
        Set<String> out = new HashSet<>();
        Matcher m = REFERENCE.matcher(COMMENT.matcher(source).replaceAll(" "));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Each import from a package of {@code layers} to one at or above it, as "from -> to". */
    static List<String> upwards(Map<String, Set<String>> graph, List<String> layers) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : new TreeMap<>(graph).entrySet()) {
            int from = layers.indexOf(e.getKey());
            for (String to : new TreeSet<>(e.getValue())) {
                if (from >= 0 && layers.indexOf(to) >= 0 && layers.indexOf(to) <= from) {
                    out.add(e.getKey() + " -> " + to);
                }
            }
        }
        return out;
    }

    /** The first cycle found by depth-first search, as a path that starts and ends at the same package. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : graph.keySet()) {
            List<String> found = visit(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path,
            Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> c = new ArrayList<>(path.subList(at, path.size()));
            c.add(node);
            return c;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }
}
