package dev.sendmail.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs real processes: the built launcher, and real clients (mailx, git) that call it as their sendmail. */
final class Launcher {

    private Launcher() {
    }

    static Path root() {
        return Path.of(System.getProperty("sendmail.it.root", "..")).toAbsolutePath().normalize();
    }

    /**
     * The repository's {@code ./send-mail} script. It would build the distribution when it is missing;
     * inside a running build that would race, so a missing distribution fails the test instead.
     */
    static Path script() {
        Path launcher = root().resolve("cli/target/send-mail-dist/bin/send-mail");
        if (!Files.isExecutable(launcher)) {
            throw new AssertionError("the distribution is not built (" + launcher
                    + " is missing): run `mvn -B -DskipTests package` first (mvn -B verify does it)");
        }
        return root().resolve("send-mail");
    }

    /** Runs {@code command} with {@code stdin}, extra environment variables, and a 120 s limit. */
    static CliResult run(List<String> command, byte[] stdin, Map<String, String> env, Path workDir) {
        return run(command, null, stdin, env, workDir);
    }

    /** Runs {@code command} with standard input from a file (large messages). */
    static CliResult run(List<String> command, Path stdin, Map<String, String> env, Path workDir) {
        return run(command, stdin, null, env, workDir);
    }

    private static CliResult run(List<String> command, Path stdinFile, byte[] stdin, Map<String, String> env,
            Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().putAll(env);
        if (stdinFile != null) {
            pb.redirectInput(stdinFile.toFile());
        }
        try {
            Process p = pb.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            if (stdin != null) {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(stdin);
                } catch (IOException e) {
                    // the process may exit before reading its input; its exit code and stderr tell why
                }
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("still running after 120 s: " + command);
            }
            return new CliResult(command, p.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static List<String> command(Object... parts) {
        List<String> c = new ArrayList<>();
        for (Object p : parts) {
            c.add(p.toString());
        }
        return c;
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
