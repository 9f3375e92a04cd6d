package dev.sendmail.oauth2;

import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TrustSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A sender in its own JVM: asks an {@link OAuth2TokenSource} for an access token and prints {@code token VALUE}.
 * While its main thread waits inside {@code FileChannel.lock} (another process holds the refresh lock) it prints
 * {@code waiting} once, so that a test can hold the other process's refresh until this one is really waiting.
 */
final class RefreshProcess {

    private RefreshProcess() {
    }

    /** Arguments: token endpoint URI, refresh token file, cache file, CA bundle. */
    public static void main(String[] args) throws IOException, SendMailException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Thread main = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && !inFileLock(main)) {
                Thread.onSpinWait();
            }
            if (!Thread.currentThread().isInterrupted()) {
                out.println("waiting");
            }
        }, "lock-watcher");
        watcher.setDaemon(true);
        watcher.start();
        OAuth2Client client = new OAuth2Client(URI.create(args[0]), "client-1", Optional.empty(),
                "smtp offline_access", Optional.empty(), Optional.empty());
        OAuth2TokenSource source = OAuth2TokenSource.builder().client(client)
                .store(new RefreshTokenFile(Path.of(args[1]))).cacheFile(Path.of(args[2]))
                .trust(TrustSettings.SYSTEM.withCaFile(Path.of(args[3]))).build();
        String token = source.accessToken().revealString();
        watcher.interrupt();
        out.println("token " + token);
    }

    private static boolean inFileLock(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().endsWith(".FileChannelImpl") && e.getMethodName().equals("lock")) {
                return true;
            }
        }
        return false;
    }

    /** Starts it in a new JVM with this test class path; {@code lines} gets each line it prints, in order. */
    static Process start(List<String> args, Consumer<String> lines) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                RefreshProcess.class.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                lines.accept("read failed: " + e);
            }
        }, "refresh-process-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }
}
