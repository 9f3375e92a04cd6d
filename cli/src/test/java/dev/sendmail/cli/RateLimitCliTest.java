package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.cli.config.Environment;
import dev.sendmail.testing.MemoryTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --rate and rate_limit: the limit is shared by consecutive and concurrent runs through a state file, so a second
 * run within the interval finds its slot after its deadline and defers instead of sending.
 */
class RateLimitCliTest {

    private static final String MESSAGE = "Subject: rate\n\nhello\n";

    @TempDir
    Path home;

    private Environment env;
    private String name;
    private MemoryTransport memory;

    @BeforeEach
    void setUp() {
        env = CliRun.env(home);
        name = "rate-" + System.nanoTime();
        memory = MemoryTransport.named(name);
    }

    private CliRun send(String... more) {
        String[] base = {"--transport", "memory", "--set", "name=" + name, "--deadline", "5", "-f", "me@example.org",
            "you@example.net"};
        String[] all = new String[more.length + base.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(base, 0, all, more.length, base.length);
        return CliRun.run(env, MESSAGE, all);
    }

    @Test
    void aSecondRunWithinTheIntervalDefersInsteadOfSending() throws Exception {
        CliRun first = send("--rate", "1/min");
        assertEquals(0, first.code(), first.toString());
        Path state = home.resolve(".cache/send-mail/rate-limits");
        assertTrue(Files.readString(state).contains("\nlocalhost "), Files.readString(state));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
        CliRun second = send("--rate", "1/min");
        assertEquals(75, second.code(), second.toString());
        assertTrue(second.err().contains("rate limit: the next slot at this host comes after the deadline"),
                second.toString());
        assertEquals(1, memory.sent().size());
        // without a limit the same run sends at once
        assertEquals(0, send().code());
        assertEquals(2, memory.sent().size());
    }

    @Test
    void theQueueDirectoryHoldsTheStateAndTheConfigurationKeyWorksLikeTheOption() throws Exception {
        Path config = home.resolve("config");
        Files.writeString(config, "account default\nrate_limit 2/h\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Path queue = home.resolve("queue");
        assertEquals(0, send("-C", config.toString(), "--queue-dir", queue.toString()).code());
        assertTrue(Files.exists(queue.resolve("rate-limits")));
        CliRun second = send("-C", config.toString(), "--queue-dir", queue.toString());
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.out().contains("queued as") || second.err().contains("queued as"), second.toString());
        assertEquals(1, memory.sent().size());
    }

    @Test
    void aBadRateIsOneLineAndAUsageOrConfigurationError() throws Exception {
        CliRun r = send("--rate", "5/day");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("rate '5/day' is not N/s, N/min or N/h"), r.toString());
        assertEquals(1, r.err().strip().lines().filter(l -> l.contains("rate")).count(), r.toString());
        Path config = home.resolve("bad");
        Files.writeString(config, "account default\nrate_limit many\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        CliRun c = send("-C", config.toString());
        assertEquals(78, c.code(), c.toString());
        assertTrue(c.err().contains("rate 'many'"), c.toString());
    }
}
