package dev.sendmail.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every send makes a {@link DeadLetter} (the handler for what is not delivered), so making one must not load the
 * date formatting machinery: a separate JVM, with class loading logged, constructs one and exits.
 */
class DeadLetterStartupTest {

    /** The child JVM's program: makes a DeadLetter and writes nothing. */
    public static final class MakeOne {
        public static void main(String[] args) {
            new DeadLetter(Path.of(args[0]), Clock.systemDefaultZone());
            System.out.println("made");
        }
    }

    @Test
    void makingADeadLetterLoadsNoDateFormatter(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load:file=" + log, "-cp", System.getProperty("java.class.path"),
                MakeOne.class.getName(), dir.resolve("dead.letter").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child JVM still running");
        assertEquals(0, p.exitValue(), out);
        assertEquals("made\n", out);
        List<String> classes = Files.readAllLines(log);
        assertTrue(classes.stream().anyMatch(l -> l.contains(" dev.sendmail.local.DeadLetter ")),
                "the log does not show DeadLetter loaded");
        List<String> formatting = classes.stream().filter(l -> l.contains(" java.time.format.")).toList();
        assertEquals(List.of(), formatting);
    }
}
