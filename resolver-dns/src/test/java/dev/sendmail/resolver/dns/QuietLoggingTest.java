package dev.sendmail.resolver.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverSettings;
import java.io.File;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library user without any SLF4J provider sees nothing on the console from the dns resolver. Runs a separate JVM
 * whose class path is this test's minus slf4j-nop (which the tests have), and reads its standard error.
 */
class QuietLoggingTest {

    @TempDir
    Path dir;

    /** Resolves a name against a DNS server that answers nothing (a bound, silent UDP socket). */
    public static void main(String[] args) throws Exception {
        ResolverSettings settings = ResolverSettings.defaults().withServers(List.of("127.0.0.1:" + args[0]))
                .withTimeout(Duration.ofMillis(200)).withProperties(Map.of("attempts", "1"));
        try (Resolver r = new DnsResolverProvider().create(settings)) {
            r.resolve("example.test");
        } catch (ResolutionFailedException expected) {
            // the query fails; what matters is that nothing was printed
        }
    }

    @Test
    void nothingOnStandardErrorWithoutAnSlf4jProvider() throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.contains("slf4j-nop")).collect(Collectors.joining(File.pathSeparator));
        assertTrue(cp.contains("slf4j-api"), "slf4j-api stays on the class path: " + cp);
        Path err = dir.resolve("stderr");
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", cp, QuietLoggingTest.class.getName(), Integer.toString(silent.getLocalPort()))
                    .redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ended");
            assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        }
        assertEquals("", Files.readString(err, StandardCharsets.UTF_8), "nothing printed on standard error");
    }
}
