package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./send-mail} wrapper at the root of the source tree, run as a process in a copy of the tree's
 * shape with a stand-in {@code mvn} on the PATH (it records its arguments and MAVEN_OPTS and writes a stand-in
 * launcher that prints its arguments): it builds when there is no build, not again when nothing changed, again
 * when a source is newer than the last build, keeps Maven's colour off, and passes {@code --msmtp} when it is
 * run through a link named msmtp.
 */
class SourceTreeWrapperTest {

    @TempDir
    Path tree;

    Path wrapper;
    Path mvnLog;
    Path source;
    String path;

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void layOut() throws IOException {
        wrapper = tree.resolve("send-mail");
        Files.copy(Path.of("../send-mail"), wrapper);
        wrapper.toFile().setExecutable(true);
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(Files.writeString(tree.resolve("pom.xml"), "<project/>\n"), old);
        source = Files.createDirectories(tree.resolve("api/src/main/java")).resolve("A.java");
        Files.setLastModifiedTime(Files.writeString(source, "class A {}\n"), old);
        mvnLog = tree.resolve("mvn.log");
        Path bin = Files.createDirectories(tree.resolve("fakebin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, """
                #!/bin/sh
                printf 'args=%s opts=%s pwd=%s\\n' "$*" "$MAVEN_OPTS" "$PWD" >>"$MVN_LOG"
                echo "[INFO] building"
                printf '\033[0m\033[1;31mWARNING\033[m done\n' >&2
                d=cli/target/send-mail-dist/bin
                mkdir -p "$d"
                printf '#!/bin/sh\\nfor a in "$@"; do printf "%%s\\\\n" "$a"; done\\n' >"$d/send-mail"
                chmod +x "$d/send-mail"
                """);
        mvn.toFile().setExecutable(true);
        path = bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    }

    private Result run(Path command, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tree.toFile());
        pb.environment().put("PATH", path);
        pb.environment().put("MVN_LOG", mvnLog.toString());
        pb.environment().remove("MAVEN_OPTS");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "wrapper still running");
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private List<String> builds() throws IOException {
        return Files.exists(mvnLog) ? Files.readAllLines(mvnLog) : List.of();
    }

    @Test
    void buildsOnceThenOnlyWhenASourceChanged() throws Exception {
        Result first = run(wrapper, "--version", "a b");
        assertEquals(0, first.code(), first.err());
        assertEquals("--version\na b\n", first.out(), "stdout carries only the program's output");
        assertTrue(first.err().contains("[INFO] building"), "build output goes to stderr: " + first.err());
        assertTrue(first.err().contains("WARNING done"), first.err());
        assertFalse(first.err().contains("\u001b"), "no colour codes reach the terminal: " + first.err());
        assertEquals(1, builds().size());
        String build = builds().get(0);
        assertTrue(build.contains("args=-B -q -Dstyle.color=never -DskipTests package"), build);
        assertTrue(build.contains("opts=-Dstyle.color=never "), build);

        Result second = run(wrapper, "--version");
        assertEquals(0, second.code(), second.err());
        assertEquals("", second.err(), "nothing changed: no build");
        assertEquals(1, builds().size());

        // as after `git pull`: a source newer than the last build
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(5)));
        Result third = run(wrapper, "--version");
        assertEquals(0, third.code(), third.err());
        assertTrue(third.err().contains("sources changed since the last build"), third.err());
        assertEquals(2, builds().size());
    }

    @Test
    void aChangedPomRebuildsAndTargetDirectoriesDoNot() throws Exception {
        assertEquals(0, run(wrapper).code());
        Path generated = Files.createDirectories(tree.resolve("api/target/src/main")).resolve("Gen.java");
        Files.setLastModifiedTime(Files.writeString(generated, "x"), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(0, run(wrapper).code());
        assertEquals(1, builds().size(), "files under target/ are build output, not sources");
        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(Instant.now().plusSeconds(5)));
        assertEquals(0, run(wrapper).code());
        assertEquals(2, builds().size());
    }

    @Test
    void aFailedBuildExits70AndBuildsAgainNextTime() throws Exception {
        Files.writeString(tree.resolve("fakebin/mvn"), "#!/bin/sh\necho x >>\"$MVN_LOG\"\nexit 1\n");
        Result r = run(wrapper, "--version");
        assertEquals(70, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().filter(l -> l.contains("the build failed")).count(), r.err());
        assertEquals(70, run(wrapper, "--version").code());
        assertEquals(2, builds().size());
    }

    @Test
    void aLinkNamedMsmtpRunsSendMailAsMsmtp() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(tree.resolve("links")).resolve("msmtp"), wrapper);
        Result r = run(link, "-a", "work", "bob@b.test");
        assertEquals(0, r.code(), r.err());
        assertEquals("--msmtp\n-a\nwork\nbob@b.test\n", r.out());
        Result plain = run(wrapper, "bob@b.test");
        assertFalse(plain.out().contains("--msmtp"), plain.out());
    }
}
