package dev.sendmail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the peer (smtp-source) once and times it; its count of messages is fixed by its own arguments. */
final class PeerCommand {

    private final List<String> command;

    PeerCommand(List<String> command) {
        this.command = List.copyOf(command);
    }

    boolean isPresent() {
        return !command.isEmpty();
    }

    /** Runs it to completion within {@code limit}; returns the wall time in nanoseconds. */
    long run(Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile("send-mail-bench-peer-", ".log");
        try {
            long start = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("peer did not finish within " + limit + ": " + command);
            }
            long nanos = System.nanoTime() - start;
            if (p.exitValue() != 0) {
                byte[] out = Files.readAllBytes(log);
                throw new IOException("peer exited with " + p.exitValue() + ": " + command + ": "
                        + new String(out, 0, Math.min(out.length, 2000), StandardCharsets.UTF_8).strip());
            }
            return nanos;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
