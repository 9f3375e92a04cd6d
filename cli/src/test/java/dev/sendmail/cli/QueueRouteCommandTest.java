package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.testing.MemoryTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.local.ExitCodes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A queue run delivers through the route each message was queued for, and never falls back silently. */
class QueueRouteCommandTest {

    @TempDir
    Path home;

    Environment env;
    MemoryTransport memory;
    String name;
    Path queue;

    private static final String MESSAGE = "From: alice@a.test\nTo: bob@b.test\nSubject: q\n\nqueued body\n";

    @BeforeEach
    void setUp() {
        env = CliRun.env(home);
        name = "route-" + System.nanoTime();
        memory = MemoryTransport.named(name);
        queue = home.resolve("queue");
    }

    /** Queues one message for bob@b.test, deferred by the memory transport named {@link #name}. */
    private void queueOne(String... extra) {
        memory.replyToRecipient("bob@b.test", SmtpReply.of(451, "4.3.0 later"));
        String[] args = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name, "--queue-dir",
                queue.toString(), "-f", "alice@a.test"), Stream.concat(Stream.of(extra), Stream.of("bob@b.test")))
                .toArray(String[]::new);
        CliRun r = CliRun.run(env, MESSAGE, args);
        assertEquals(0, r.code(), r.toString());
        memory.clear();
    }

    private long entries() throws Exception {
        try (Stream<Path> s = Files.list(queue)) {
            return s.filter(p -> p.toString().endsWith(".entry")).count();
        }
    }

    @Test
    void aRunWithNoOptionsDeliversThroughTheRecordedRoute() throws Exception {
        queueOne();
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush");
        assertEquals(0, run.code(), run.toString());
        assertEquals(1, memory.sent().size(), "delivered through the recorded transport, not by MX: " + run);
        assertEquals(0, entries());
    }

    @Test
    void theRunsOwnDangerousSettingsAreWarnedAboutOnlyWhenTheyAreUsed() throws Exception {
        queueOne();
        String[] run = {"--queue-dir", queue.toString(), "--queue-flush", "--transport", "memory", "--set",
                "name=" + name, "--tls", "off"};
        memory.replyToRecipient("bob@b.test", SmtpReply.of(451, "4.3.0 later")); // stays queued for the second run
        CliRun recorded = CliRun.run(env, "", run);
        assertEquals(0, recorded.code(), recorded.toString());
        assertFalse(recorded.err().contains("--tls=off"), "the recorded routes do not use it: " + recorded);
        CliRun rerouted = CliRun.run(env, "", Stream.concat(Stream.of(run), Stream.of("--queue-reroute"))
                .toArray(String[]::new));
        assertEquals(1, rerouted.err().lines().filter(l -> l.contains("--tls=off")).count(), rerouted.toString());
    }

    @Test
    void theRunsOwnRouteOptionsDoNotOverrideTheRecordedOnesUnlessRerouted() throws Exception {
        queueOne();
        String other = name + "-other";
        MemoryTransport elsewhere = MemoryTransport.named(other);
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush", "--transport", "memory",
                "--set", "name=" + other);
        assertEquals(0, run.code(), run.toString());
        assertEquals(1, memory.sent().size());
        assertTrue(elsewhere.sent().isEmpty(), "the run's options are not a silent override");

        queueOne();
        CliRun rerouted = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush", "--queue-reroute",
                "--transport", "memory", "--set", "name=" + other);
        assertEquals(0, rerouted.code(), rerouted.toString());
        assertEquals(1, elsewhere.sent().size(), "--queue-reroute says so explicitly: " + rerouted);
    }

    @Test
    void aPasswordSourceThatIsGoneKeepsTheEntryQueuedWithOneLineAndExit78() throws Exception {
        Path pw = Files.writeString(home.resolve("pw"), "secret-password\n");
        queueOne("--user", "alice", "--password-file", pw.toString());
        String entry;
        try (Stream<Path> s = Files.list(queue)) {
            entry = Files.readString(s.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow());
        }
        assertTrue(entry.contains("route-user: alice\n") && entry.contains("route-password: file:" + pw + "\n"),
                entry);
        assertFalse(entry.contains("secret-password"), "never a secret in the entry");
        Files.delete(pw);
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush");
        assertEquals(ExitCodes.CONFIG, run.code(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().contains("does not exist") && run.err().contains("not sent"), run.toString());
        assertTrue(memory.sent().isEmpty());
        assertEquals(1, entries(), "the entry stays queued");
    }

    @Test
    void anAccountThatIsGoneKeepsTheEntryQueuedAndExit78() throws Exception {
        Path conf = home.resolve("conf");
        Files.writeString(conf, "account work\ntransport memory\n");
        queueOne("-C", conf.toString(), "-a", "work");
        Files.writeString(conf, "account play\ntransport memory\n");
        CliRun run = CliRun.run(env, "", "-C", conf.toString(), "--queue-dir", queue.toString(), "--queue-flush");
        assertEquals(ExitCodes.CONFIG, run.code(), run.toString());
        assertTrue(run.err().contains("'work'"), run.toString());
        assertEquals(1, entries());
        assertTrue(memory.sent().isEmpty());
    }

    @Test
    void withQuietOnlyAnEntryThatNeedsSomeoneIsShown() throws Exception {
        Path conf = home.resolve("conf");
        Files.writeString(conf, "account work\ntransport memory\n");
        queueOne("-C", conf.toString(), "-a", "work");
        Files.writeString(conf, "account play\ntransport memory\n");
        CliRun gone = CliRun.run(env, "", "-C", conf.toString(), "--queue-dir", queue.toString(), "--queue-flush",
                "--quiet");
        assertEquals(ExitCodes.CONFIG, gone.code(), gone.toString());
        assertTrue(gone.err().contains("not sent") && gone.err().contains("'work'"), gone.toString());
        Files.writeString(conf, "account work\ntransport memory\n");
        CliRun delivered = CliRun.run(env, "", "-C", conf.toString(), "--queue-dir", queue.toString(),
                "--queue-flush", "--quiet");
        assertEquals(0, delivered.code(), delivered.toString());
        assertEquals(1, memory.sent().size());
        assertEquals("", delivered.err(), "a delivered entry is the queue's normal business");
    }

    @Test
    void anEntryWithoutARecordedRouteNeedsReroute() throws Exception {
        queueOne();
        Path entry;
        try (Stream<Path> s = Files.list(queue)) {
            entry = s.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow();
        }
        String v1 = Files.readString(entry).replace("version: 2", "version: 1").replaceAll("(?m)^route-.*\n", "");
        Files.writeString(entry, v1);
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush");
        assertEquals(ExitCodes.CONFIG, run.code(), run.toString());
        assertTrue(run.err().contains("--queue-reroute"), run.toString());
        CliRun rerouted = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush", "--queue-reroute",
                "--transport", "memory", "--set", "name=" + name);
        assertEquals(0, rerouted.code(), rerouted.toString());
        assertEquals(1, memory.sent().size());
    }

    @Test
    void aPermanentFailureInARunBouncesToTheSenderByDefault() throws Exception {
        queueOne();
        memory.replyToRecipient("bob@b.test", SmtpReply.of(550, "5.1.1 no such user"));
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush");
        assertEquals(0, run.code(), run.toString());
        assertEquals(1, memory.sent().size(), run.toString());
        MemoryTransport.Sent dsn = memory.sent().get(0);
        assertEquals("<>", dsn.reversePath(), "a notification comes from the null reverse-path");
        assertEquals("alice@a.test", dsn.recipients().get(0).address());
        String text = new String(dsn.content(), StandardCharsets.UTF_8);
        assertTrue(text.contains("report-type=delivery-status") && text.contains("Final-Recipient: rfc822; bob@b.test"),
                text);
        assertEquals(0, entries());
    }

    @Test
    void withBouncesOffAPermanentFailureIsKeptInFailed() throws Exception {
        queueOne();
        memory.replyToRecipient("bob@b.test", SmtpReply.of(550, "5.1.1 no such user"));
        CliRun run = CliRun.run(env, "", "--queue-dir", queue.toString(), "--queue-flush", "--queue-no-bounce");
        assertEquals(0, run.code(), run.toString());
        assertTrue(memory.sent().isEmpty());
        try (Stream<Path> s = Files.list(queue.resolve("failed"))) {
            assertEquals(2, s.count(), "the message and its reason");
        }
        assertTrue(run.err().contains("failed"), run.toString());
    }
}
