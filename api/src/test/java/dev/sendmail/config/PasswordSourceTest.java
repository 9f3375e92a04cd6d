package dev.sendmail.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.Secret;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

    @TempDir
    Path dir;

    /** Blocks until {@code file} appears in its directory (written by a program under test), at most 60 s. */
    private static void awaitFile(Path file) throws IOException, InterruptedException {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(file)) {
                WatchKey key = watch.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("the program never wrote " + file);
                }
                key.pollEvents();
                key.reset();
            }
        }
    }

    @Test
    void aCommandThatKeepsItsOutputOpenIsStoppedWithEveryProcessItStartedAtTheDeadline() throws Exception {
        Path pids = dir.resolve("pids");
        // prints a password, then leaves a child holding stdout open and waits for it: only the deadline ends it
        String command = "echo pw; sleep 600 & echo $$ $! > '" + pids + ".tmp'; mv '" + pids + ".tmp' '" + pids
                + "'; wait";
        ConfigException e = assertThrows(ConfigException.class, () -> PasswordSource.FromCommand.run(command,
                Duration.ofSeconds(60), (output, limit) -> {
                    try {
                        awaitFile(pids); // the deadline passes once both processes exist
                    } catch (IOException io) {
                        throw new AssertionError(io);
                    }
                    throw new TimeoutException();
                }));
        assertEquals(ConfigException.Reason.INVALID, e.reason());
        assertEquals("password command did not finish within 60 seconds; stopped it and the processes it started",
                e.getMessage());
        List<Long> started = List.of(Files.readString(pids).strip().split(" ")).stream().map(Long::parseLong)
                .toList();
        assertEquals(2, started.size(), started.toString());
        try {
            for (long pid : started) {
                Optional<ProcessHandle> h = ProcessHandle.of(pid);
                if (h.isPresent()) {
                    h.get().onExit().get(60, TimeUnit.SECONDS); // killed: its exit is imminent, not a timing check
                }
                assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                        "process " + pid + " stopped");
            }
        } finally {
            started.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void theDefaultDeadlineIsSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), new PasswordSource.FromCommand("true").timeout());
    }

    @Test
    void aCommandThatEndsInTimeGivesItsFirstLine() throws Exception {
        Secret s = new PasswordSource.FromCommand("printf 'p\\303\\244ss\\nsecond\\n'").read(null);
        assertEquals("p\u00e4ss", s.revealString());
    }

    @Test
    void everySourceGivesAFreshSecretThatTheCallerMayDestroy() throws Exception {
        PasswordSource.Literal literal = new PasswordSource.Literal(Secret.of("from-config"));
        Secret first = literal.read(null);
        first.destroy();
        assertTrue(first.isDestroyed());
        assertThrows(IllegalStateException.class, first::reveal);
        assertEquals("from-config", literal.read(null).revealString(), "the configured value is intact");

        Path file = dir.resolve("pw");
        Files.writeString(file, "line1\r\nline2");
        assertEquals("line1", new PasswordSource.FromFile(file).read(null).revealString());
    }

    @Test
    void aPasswordWithAControlCharacterIsRefused() throws IOException {
        Path file = dir.resolve("pw");
        Files.writeString(file, "a\u0001b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> new PasswordSource.FromFile(file).read(null));
        assertTrue(e.getMessage().contains("control characters"), e.getMessage());
    }
}
