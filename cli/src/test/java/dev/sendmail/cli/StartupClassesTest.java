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
 * look for no provider; {@code --version} does not even build the option model. A one-message send in sendmail
 * mode reads its header without Jakarta Mail and writes its Date without java.time's formatting. Run on the
 * JVM running the tests, and on a JDK 25 in {@code /usr/lib/jvm} when there is one.
 */
class StartupClassesTest {

    @TempDir
    Path dir;

    /** The JVM running the tests, and a JDK 25 or newer from /usr/lib/jvm when there is one. */
    private static List<String> javas() throws IOException {
        List<String> out = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (var homes = Files.list(jvms)) {
                for (Path h : homes.sorted().toList()) {
                    Path release = h.resolve("release");
                    if (Files.isExecutable(h.resolve("bin/java")) && !Files.isSymbolicLink(h) && Files.isRegularFile(release)
                            && Files.readString(release).matches("(?s).*JAVA_VERSION=\"(2[5-9]|[3-9][0-9])[.\"].*")) {
                        out.add(h.resolve("bin/java").toString());
                        break;
                    }
                }
            }
        }
        return out;
    }

    private List<String> classesLoadedHere(String stdin, String... args) throws IOException, InterruptedException {
        return classesLoaded(javas().get(0), stdin, args);
    }

    /** The names of the classes loaded by {@code JAVA -cp <test class path> dev.sendmail.cli.Main args}. */
    private List<String> classesLoaded(String java, String stdin, String... args)
            throws IOException, InterruptedException {
        Path log = dir.resolve("classes.txt");
        List<String> cmd = new ArrayList<>(List.of(java,
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
        List<String> classes = classesLoadedHere("", "--version");
        assertEquals(List.of(), matching(classes, "org.apache.commons.cli.Option"));
        assertEquals(List.of(), matching(classes, "dev.sendmail.cli.config."));
        assertEquals(List.of(), matching(classes, "java.time.zone."));
        assertEquals(List.of(), matching(classes, "dev.sendmail.spi.Providers"));
        assertEquals(List.of(), matching(classes, "java.util.ServiceLoader"));
    }

    @Test
    void aSendmailModeSendLoadsNoJakartaMailNoDnsjavaAndNoDateFormatting() throws Exception {
        String message = "From: a@a.test\nTo: b@b.test\nSubject: start-up\n\nbody\n";
        for (String java : javas()) {
            List<String> classes = classesLoaded(java, message, "--transport", "memory", "--set", "name=startup",
                    "-f", "a@a.test", "b@b.test");
            assertSendLoadsLittle(java, classes);
        }
    }

    private static void assertSendLoadsLittle(String java, List<String> classes) {
        assertTrue(classes.contains("dev.sendmail.api.HeaderBlock"), java + ": the header was not read?");
        // the header is read without InternetHeaders, which brings MimeUtility and Angus's stream providers
        assertEquals(List.of(), matching(classes, "jakarta.mail.internet.InternetHeaders"), java);
        assertEquals(List.of(), matching(classes, "jakarta.mail.util."), java);
        assertEquals(List.of(), matching(classes, "org.eclipse.angus."), java);
        assertEquals(List.of(), matching(classes, "org.xbill."), java);
        // Date is written by hand: no formatter (on JDK 25 ZonedDateTime alone loads one through Year)
        assertEquals(List.of(), matching(classes, "java.time.format."), java);
        assertEquals(List.of(), matching(classes, "java.time.Year"), java);
        // the system clock's zone is not looked up: java.time's zone rules provider scans every jar for another one
        assertEquals(List.of(), matching(classes, "java.time.zone.ZoneRulesProvider"), java);
        // a successful run ends main instead of calling System.exit, whose logger look-up (JDK 21+) scans every jar
        assertEquals(List.of(), matching(classes, "jdk.internal.logger."), java);
    }

    @Test
    void helpReadsNoEnvironmentConfigurationOrProviders() throws Exception {
        List<String> classes = classesLoadedHere("", "--help");
        assertTrue(classes.contains("org.apache.commons.cli.help.HelpFormatter"), "help printed without it?");
        assertEquals(List.of(), matching(classes, "dev.sendmail.cli.config."));
        assertEquals(List.of(), matching(classes, "java.time.zone."));
        assertEquals(List.of(), matching(classes, "dev.sendmail.spi.Providers"));
        // Runtime.exit looks up a logger with a ServiceLoader scan of every jar: a successful --help ends main instead
        assertEquals(List.of(), matching(classes, "java.util.ServiceLoader"));
    }
}
