package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * symbolic link as /usr/sbin/sendmail would be, and a stdout that carries only the program's output.
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
        Result r = run(launcher, Map.of("SEND_MAIL_CDS_DIR", notADir.resolve("sub").toString()), "", "--version");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("send-mail "), r.out());
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
    void exitCodesPassThrough() throws Exception {
        Result r = run(launcher, Map.of("SEND_MAIL_CDS", "off"), "", "--no-such-option");
        assertEquals(64, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
    }
}
