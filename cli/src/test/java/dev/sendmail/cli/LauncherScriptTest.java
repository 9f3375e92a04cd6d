package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code src/main/dist/send-mail}) run as a process over a distribution assembled here:
 * bin/send-mail plus lib/ with this module's classes as a jar and the test class path's jars. Checks the paths
 * that do not create an archive in the background: CDS off, an archive directory that cannot be written, a
 * symbolic link as /usr/sbin/sendmail would be, and a stdout that carries only the program's output. A stand-in
 * "java" (a script that prints its arguments, beside a JDK release file) shows which archive options the launcher
 * picks and that it executes nothing else; a real JDK 25, when one is installed, shows its AOT cache is made and used.
 */
class LauncherScriptTest {

    @TempDir
    static Path dist;

    static Path launcher;

    @BeforeAll
    static void assemble() throws IOException {
        Path bin = Files.createDirectories(dist.resolve("bin"));
        Path lib = Files.createDirectories(dist.resolve("lib"));
        launcher = bin.resolve("send-mail");
        Files.copy(Path.of("src/main/dist/send-mail"), launcher);
        launcher.toFile().setExecutable(true);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(lib.resolve("send-mail-cli.jar")));
             Stream<Path> files = Files.walk(Path.of("target/classes"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(Path.of("target/classes").relativize(f).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(f));
                jar.closeEntry();
            }
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Paths.get(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p) && !entry.contains("junit")
                    && !entry.contains("opentest4j") && !entry.contains("apiguardian")) {
                Files.copy(p, lib.resolve(p.getFileName().toString()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result run(Path command, Map<String, String> env, String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dist.toFile());
        pb.environment().put("HOME", dist.toString());
        pb.environment().put("XDG_CONFIG_HOME", dist.resolve("xdg").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher still running");
        return new Result(p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] read(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void runsWithClassDataSharingOff() throws Exception {
        Result r = run(launcher, Map.of("SEND_MAIL_CDS", "off"), "", "--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("send-mail "), r.out());
        assertEquals("", r.err());
    }

    @Test
    void anArchiveDirectoryThatCannotBeCreatedFallsBackQuietly() throws Exception {
        Path notADir = Files.writeString(dist.resolve("plain-file"), "x");
        Result r = run(launcher, Map.of("SEND_MAIL_CDS_DIR", notADir.resolve("sub").toString()), "",
                "--list-providers");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("transports:"), r.out());
    }

    @Test
    void followsASymbolicLinkLikeUsrSbinSendmail() throws Exception {
        Path link = Files.createSymbolicLink(dist.resolve("sendmail"), launcher);
        Path out = dist.resolve("outbox");
        Result r = run(link, Map.of("SEND_MAIL_CDS", "off"), "Subject: via link\n\nbody\n", "-t", "-i", "--json",
                "--transport", "file", "--set", "dir=" + out, "-f", "a@a.test", "b@b.test");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.out().lines().count(), r.out());
        assertTrue(r.out().startsWith("{\"recipient\":\"b@b.test\",\"status\":\"delivered\""), r.out());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void aLinkNamedMsmtpTakesMsmtpsCommandLine() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(dist.resolve("msmtp-bin")).resolve("msmtp"),
                launcher);
        Result r = run(link, Map.of("SEND_MAIL_CDS", "off"), "", "--pretend", "--host=127.0.0.1", "--port=2525",
                "b@b.test");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("127.0.0.1"), r.out());
        Result unknownHere = run(link, Map.of("SEND_MAIL_CDS", "off"), "", "--host=127.0.0.1", "-a", "work",
                "b@b.test");
        assertEquals(64, unknownHere.code(), unknownHere.err());
        assertTrue(unknownHere.err().contains("--host and --account"), unknownHere.err());
        Result asSendMail = run(launcher, Map.of("SEND_MAIL_CDS", "off"), "", "--pretend", "b@b.test");
        assertEquals(64, asSendMail.code(), "send-mail itself has no --pretend: " + asSendMail.err());
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        Result r = run(launcher, Map.of("SEND_MAIL_CDS", "off"), "", "--no-such-option");
        assertEquals(64, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    /** A stand-in JDK of the given version: bin/java prints its arguments one a line and exits 0. */
    private static Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dist.resolve(name).resolve("bin")).getParent();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        java.toFile().setExecutable(true);
        return java;
    }

    @Test
    void theCommonPathExecutesOnlyJava() throws Exception {
        Optional<Path> strace = Stream.of("/usr/bin/strace", "/bin/strace").map(Path::of).filter(Files::isExecutable)
                .findFirst();
        assumeTrue(strace.isPresent(), "strace is not installed (apt-get install strace): cannot trace exec calls");
        Path java = fakeJdk("jdk21", "21.0.2");
        Path cache = Files.createDirectories(dist.resolve("cache-trace"));
        Path trace = dist.resolve("trace.txt");
        Map<String, String> env = Map.of("SEND_MAIL_JAVA", java.toString(), "SEND_MAIL_CDS_DIR", cache.toString());
        Result r = run(strace.get(), env, "", "-f", "-qq", "-o", trace.toString(), "-e",
                "trace=execve,fork,vfork,clone,clone3", launcher.toString(), "--list-providers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-XX:+AutoCreateSharedArchive\n"), r.out());
        List<String> calls = Files.readAllLines(trace).stream().filter(l -> !l.contains("resumed>")).toList();
        List<String> execs = calls.stream().filter(l -> l.contains("execve(")).toList();
        assertEquals(2, execs.size(), String.join("\n", calls));
        assertTrue(execs.get(0).contains("execve(\"" + launcher + "\""), execs.get(0));
        assertTrue(execs.get(1).contains("execve(\"" + java + "\""), execs.get(1));
        assertTrue(calls.stream().noneMatch(l -> l.matches("\\d+ +(fork|vfork|clone|clone3)\\(.*")),
                String.join("\n", calls));
    }

    @Test
    void versionOrHelpAloneRunsInTheInterpreterWithAnArchiveOfItsOwn() throws Exception {
        Path java = fakeJdk("jdk25-quick", "25.0.2");
        Path cache = Files.createDirectories(dist.resolve("cache-quick"));
        Map<String, String> env = Map.of("SEND_MAIL_JAVA", java.toString(), "SEND_MAIL_CDS_DIR", cache.toString());
        for (String arg : List.of("--version", "--help", "-h")) {
            Result r = run(launcher, env, "", arg);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("-Xint\n"), r.out());
            assertTrue(r.out().contains("-XX:+AutoCreateSharedArchive\n"), r.out());
            String which = arg.equals("--version") ? "version" : "help";
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith("-XX:SharedArchiveFile=" + cache + "/send-mail-")
                    && l.endsWith("-jdk25.0.2." + which + ".jsa")), r.out());
            assertFalse(r.out().contains("AOTCache"), r.out());
        }
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(List.of(), files.toList(), "no training run for --version or --help");
        }
        // with anything else on the line, the usual start-up
        Result r = run(launcher, env, "", "--version", "-v");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("-Xint"), r.out());
        assertFalse(r.out().contains(".version.jsa"), r.out());
        // SEND_MAIL_CDS=off: the interpreter still, and no archive of send-mail's
        Map<String, String> off = new java.util.HashMap<>(env);
        off.put("SEND_MAIL_CDS", "off");
        Result plain = run(launcher, off, "", "--help");
        assertTrue(plain.out().contains("-Xint\n"), plain.out());
        assertFalse(plain.out().contains("SharedArchiveFile"), plain.out());
    }

    @Test
    void jdk25UsesItsAotCacheAndAStaleOneIsDropped() throws Exception {
        Path java = fakeJdk("jdk25", "25.0.1");
        Path cache = Files.createDirectories(dist.resolve("cache-aot"));
        Map<String, String> env = Map.of("SEND_MAIL_JAVA", java.toString(), "SEND_MAIL_CDS_DIR", cache.toString());
        String where = dist.resolve("lib").toString().replace('/', '_');
        Path archive = cache.resolve("send-mail-" + where + "-jdk25.0.1.aot");
        Files.writeString(archive, "cache");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(3600)));
        Result r = run(launcher, env, "", "--list-providers");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-XX:AOTCache=" + archive + "\n"), r.out());
        assertTrue(r.out().endsWith("dev.sendmail.cli.Main\n--list-providers\n"), r.out());

        // a jar newer than the cache (a rebuild) makes it stale: it is removed and this run goes without it
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Result stale = run(launcher, env, "", "--list-providers");
        assertEquals(0, stale.code(), stale.err());
        assertFalse(stale.out().contains("-XX:AOTCache"), stale.out());
        assertFalse(Files.exists(archive));
    }

    @Test
    void aRebuildWithJarsOfTheSameDateGetsANewArchive() throws Exception {
        // reproducible builds give every jar the same fixed date, so only the build stamp tells a rebuild
        Path java = fakeJdk("jdk25-stamp", "25.0.2");
        Path cache = Files.createDirectories(dist.resolve("cache-stamp"));
        Map<String, String> env = Map.of("SEND_MAIL_JAVA", java.toString(), "SEND_MAIL_CDS_DIR", cache.toString());
        String where = dist.resolve("lib").toString().replace('/', '_');
        Path stamp = dist.resolve("lib/send-mail.build");
        try {
            Files.writeString(stamp, "20261201080000000\n");
            Path first = cache.resolve("send-mail-" + where + "-20261201080000000-jdk25.0.2.aot");
            Files.writeString(first, "cache");
            Files.setLastModifiedTime(first, FileTime.from(Instant.now().plusSeconds(3600)));
            Result r = run(launcher, env, "", "--list-providers");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("-XX:AOTCache=" + first + "\n"), r.out());

            // the rebuilt distribution: same jar dates, a new stamp; the old archive is neither used nor kept
            Files.writeString(stamp, "20261201090000000\n");
            Result rebuilt = run(launcher, env, "", "--list-providers");
            assertEquals(0, rebuilt.code(), rebuilt.err());
            assertFalse(rebuilt.out().contains("-XX:AOTCache="), rebuilt.out());
            assertFalse(Files.exists(first), "the previous build's archive is removed");

            // and the archive made for the new stamp is the one used
            Path second = cache.resolve("send-mail-" + where + "-20261201090000000-jdk25.0.2.aot");
            Files.writeString(second, "cache");
            Files.setLastModifiedTime(second, FileTime.from(Instant.now().plusSeconds(3600)));
            Result again = run(launcher, env, "", "--list-providers");
            assertEquals(0, again.code(), again.err());
            assertTrue(again.out().contains("-XX:AOTCache=" + second + "\n"), again.out());

            // a stamp with anything but letters and digits is ignored, never put into a file name
            Files.writeString(stamp, "../../x\n");
            Result odd = run(launcher, env, "", "--list-providers");
            assertEquals(0, odd.code(), odd.err());
            assertFalse(odd.out().contains("../../x"), odd.out());
        } finally {
            Files.deleteIfExists(stamp);
        }
    }

    @Test
    void aRealJdk25MakesItsAotCacheAndUsesIt() throws Exception {
        Optional<Path> jdk25 = jdk25();
        assumeTrue(jdk25.isPresent(), "no JDK 25 or newer in /usr/lib/jvm or SEND_MAIL_TEST_JDK25: AOT cache untested");
        Path cache = Files.createDirectories(dist.resolve("cache-jdk25"));
        Map<String, String> env = Map.of("SEND_MAIL_JAVA", jdk25.get().resolve("bin/java").toString(),
                "SEND_MAIL_CDS_DIR", cache.toString());
        try (WatchService watch = cache.getFileSystem().newWatchService()) {
            cache.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            Result first = run(launcher, env, "", "--list-providers");
            assertEquals(0, first.code(), first.err());
            assertEquals("", first.err());
            // the background training run publishes the cache by renaming it into place
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (aotCache(cache).isEmpty()) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0, "no AOT cache after 180 s");
                var key = watch.poll(left, TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        Path log = dist.resolve("jdk25-classes.txt");
        // AOTMode=on: the JVM refuses to start when the cache cannot be used
        Map<String, String> strict = new java.util.HashMap<>(env);
        strict.put("SEND_MAIL_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load:file=" + log);
        Result second = run(launcher, strict, "", "--list-providers");
        assertEquals(0, second.code(), second.err());
        assertTrue(second.out().contains("socket"), second.out());
        assertTrue(Files.readAllLines(log).stream().anyMatch(
                l -> l.contains("dev.sendmail.cli.Main ") && l.contains("shared")), "Main not from the AOT cache");

        // the one-message case of issue 19, a sendmail-mode send through the socket transport, finds its classes
        // in the cache: the training run (CdsTraining) sends the same way, and nothing on the path spins a class at
        // run time (a lambda the training never linked, a record's generated equals/hashCode/toString, a
        // comparator lambda of java.base); a few JDK classes may still come from the runtime image when a thread
        // races the exit (the socket watchdog going idle) or JFR's event classes, which the JDK never archives
        Path sendLog = dist.resolve("jdk25-send-classes.txt");
        strict.put("SEND_MAIL_JAVA_OPTS", "-XX:AOTMode=on -Xlog:class+load:file=" + sendLog);
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            // the benchmark's shape: a message with Date and Message-ID, no configuration file, no HELO name
            Result send = run(launcher, strict, "Date: Tue, 1 Dec 2026 12:00:00 +0000\nMessage-ID: <s@a.test>\n"
                    + "From: A <a@a.test>\nTo: <b@b.test>\nSubject: s\n\nbody\n", "--server",
                    server.address().getHostAddress() + ":" + server.port(), "--tls", "off", "-f", "a@a.test", "b@b.test");
            assertEquals(0, send.code(), send.err());
            assertEquals(1, server.messages().size());
        }
        List<String> classes = Files.readAllLines(sendLog).stream().filter(l -> l.contains(" source: ")).toList();
        for (String name : List.of("dev.sendmail.transport.socket.internal.SmtpConnection", "sun.nio.ch.NioSocketImpl",
                "dev.sendmail.api.Envelope")) {
            assertTrue(classes.stream().anyMatch(l -> l.contains(" " + name + " source: shared objects file")),
                    name + " not from the AOT cache");
        }
        assertEquals(List.of(), classes.stream().filter(l -> !l.contains(" source: shared objects file")
                && !l.contains(" source: jrt:/")).toList(), "classes from a jar or spun at run time");
    }

    private static Optional<Path> aotCache(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".aot")).findFirst();
        }
    }

    private static Optional<Path> jdk25() throws IOException {
        String configured = System.getenv("SEND_MAIL_TEST_JDK25");
        if (configured != null && !configured.isEmpty()) {
            return Optional.of(Path.of(configured));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(h -> Files.isExecutable(h.resolve("bin/java")) && feature(h) >= 25).findFirst();
        }
    }

    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=\"")) {
                    String v = line.substring("JAVA_VERSION=\"".length());
                    int end = 0;
                    while (end < v.length() && Character.isDigit(v.charAt(end))) {
                        end++;
                    }
                    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
