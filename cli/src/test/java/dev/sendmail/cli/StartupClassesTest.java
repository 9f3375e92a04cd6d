package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classes a run loads, counted as the issue counts them: {@code Main} in a JVM of its own with
 * {@code -Xlog:class+load}. {@code --version} and {@code --help} read no environment, clock or configuration and
 * look for no provider; {@code --version} does not even build the option model.
 */
class StartupClassesTest {

    @TempDir
    Path dir;

    /** The names of the classes loaded by {@code java -cp <test class path> dev.sendmail.cli.Main args}. */
    private List<String> classesLoaded(String stdin, String... args) throws IOException, InterruptedException {
        Path log = dir.resolve("classes.txt");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"),
                "dev.sendmail.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the JVM did not exit");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.txt")));
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            // [0.012s][info][class,load] java.lang.Object source: jrt:/java.base
            int start = line.indexOf("] ", line.indexOf("[class,load]"));
            if (start > 0) {
                int end = line.indexOf(' ', start + 2);
                names.add(line.substring(start + 2, end < 0 ? line.length() : end));
            }
        }
        assertTrue(names.contains("dev.sendmail.cli.Main"), "no class log: " + names.size() + " lines");
        return names;
    }

    private static List<String> matching(List<String> classes, String prefix) {
        return classes.stream().filter(c -> c.startsWith(prefix)).toList();
    }

    @Test
    void versionLoadsNeitherTheOptionModelNorTheEnvironment() throws Exception {
        List<String> classes = classesLoaded("", "--version");
        assertEquals(List.of(), matching(classes, "org.apache.commons.cli.Option"));
        assertEquals(List.of(), matching(classes, "dev.sendmail.cli.config."));
        assertEquals(List.of(), matching(classes, "java.time.zone."));
        assertEquals(List.of(), matching(classes, "dev.sendmail.spi.Providers"));
        assertEquals(List.of(), matching(classes, "java.util.ServiceLoader"));
    }

    @Test
    void helpReadsNoEnvironmentConfigurationOrProviders() throws Exception {
        List<String> classes = classesLoaded("", "--help");
        assertTrue(classes.contains("org.apache.commons.cli.help.HelpFormatter"), "help printed without it?");
        assertEquals(List.of(), matching(classes, "dev.sendmail.cli.config."));
        assertEquals(List.of(), matching(classes, "java.time.zone."));
        assertEquals(List.of(), matching(classes, "dev.sendmail.spi.Providers"));
        // Runtime.exit looks up a logger with a ServiceLoader scan of every jar: a successful --help ends main instead
        assertEquals(List.of(), matching(classes, "java.util.ServiceLoader"));
    }
}
