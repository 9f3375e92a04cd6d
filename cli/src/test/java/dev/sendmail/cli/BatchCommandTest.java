package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.spi.Providers;
import dev.sendmail.testing.MemoryTransport;
import dev.sendmail.testkit.FakeSmtpServer;
import dev.sendmail.testkit.SmtpScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchCommandTest {

    @TempDir
    Path home;

    Environment env;
    MemoryTransport memory;
    String name;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        env = CliRun.env(home);
        name = "batch-" + System.nanoTime();
        memory = MemoryTransport.named(name);
        dir = Files.createDirectories(home.resolve("batch"));
    }

    private CliRun mem(String... args) {
        String[] all = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name), Stream.of(args))
                .toArray(String[]::new);
        return CliRun.run(env, "", all);
    }

    private void message(String file, String to) throws IOException {
        Files.writeString(dir.resolve(file), "From: alice@a.test\nTo: " + to + "\nSubject: " + file + "\n\nbody\n");
    }

    private Set<String> recipientsSent() {
        Set<String> out = new HashSet<>();
        for (MemoryTransport.Sent s : memory.sent()) {
            for (Mailbox m : s.recipients()) {
                out.add(m.address());
            }
        }
        return out;
    }

    @Test
    void sendsEveryMessageReportsAJsonLinePerMessageAndSkipsTheBadOne() throws IOException {
        for (int i = 0; i < 20; i++) {
            message("m" + i + ".eml", "r" + i + "@b.test");
        }
        Files.writeString(dir.resolve("bad.eml"), "Subject: nobody to send to\n\nbody\n");
        CliRun r = mem("--batch", dir.toString(), "--json", "--concurrency", "4");
        assertEquals(65, r.code(), "an unreadable message makes the run fail, after the others went: " + r);
        assertEquals(20, memory.sent().size(), r.toString());
        assertEquals(20, recipientsSent().size());
        List<String> lines = r.out().lines().toList();
        assertEquals(21, lines.size(), r.out());
        assertEquals(20, lines.stream().filter(l -> l.contains("\"status\":\"delivered\"")).count(), r.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("{\"message\":\"" + dir.resolve("bad.eml")
                + "\",\"status\":\"bad\",\"exit_code\":65")), r.out());
        assertTrue(r.err().contains("20 delivered, 0 queued, 0 deferred, 0 failed, 1 unreadable and skipped"),
                r.err());
    }

    @Test
    void aRecipientWithoutADomainIsSkippedWithTheHintOfASendmailModeSend() throws IOException {
        message("a.eml", "root");
        CliRun r = mem("--batch", dir.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("root has no domain (map local names to addresses with 'aliases FILE' in the "
                + "configuration file)"), r.err());
        assertEquals(0, memory.sent().size());
    }

    @Test
    void verboseSaysWhatTheBatchHoldsAndWhatItPassedOver() throws IOException {
        message("a.eml", "r@b.test");
        Files.writeString(dir.resolve("notes.txt"), "not a message\n");
        CliRun r = mem("--batch", dir.toString(), "--verbose");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("send-mail: batch " + dir + ": 1 message(s), directory\n"), r.err());
        assertTrue(r.err().contains("send-mail: batch " + dir + ": 1 file(s) not named *.eml passed over\n"), r.err());
    }

    @Test
    void theFileTransportsOutputIsSentAgainToItsEnvelope() throws IOException {
        Path out = home.resolve("outbox");
        CliRun stored = CliRun.run(env, "From: alice@a.test\nTo: list@a.test\nSubject: s\n\nbody\n", "--transport",
                "file", "--set", "dir=" + out, "-f", "bounces@a.test", "bob@b.test", "carol@c.test");
        assertEquals(0, stored.code(), stored.toString());
        CliRun r = mem("--batch", out.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, memory.sent().size());
        MemoryTransport.Sent sent = memory.sent().get(0);
        assertEquals("<bounces@a.test>", sent.reversePath());
        assertEquals(Set.of("bob@b.test", "carol@c.test"), recipientsSent());
        String content = new String(sent.content(), StandardCharsets.UTF_8);
        assertFalse(content.contains("X-Envelope"), content);
        assertTrue(content.startsWith("From: alice@a.test\r\nTo: list@a.test\r\n"), content);
    }

    @Test
    void anMboxFileWithMinusFForTheEnvelopeSender() throws IOException {
        Path mbox = Files.writeString(home.resolve("box"), "From x Tue Dec  1 08:00:00 2026\nFrom: a@a.test\n"
                + "To: one@b.test\n\n>From here\n\nFrom y Tue Dec  1 08:00:00 2026\nFrom: a@a.test\nTo: two@b.test\n"
                + "\nbody\n\n");
        CliRun r = mem("--batch", mbox.toString(), "-f", "bounce@a.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals(Set.of("one@b.test", "two@b.test"), recipientsSent());
        assertTrue(memory.sent().stream().allMatch(s -> s.reversePath().equals("<bounce@a.test>")));
    }

    @Test
    void deferredMessagesGoToTheQueueAndTheRunSucceeds() throws IOException {
        message("a.eml", "now@b.test");
        message("b.eml", "later@b.test");
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 try again later"));
        Path queue = home.resolve("queue");
        CliRun r = mem("--batch", dir.toString(), "--queue-dir", queue.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("\"status\":\"queued\""), r.out());
        try (Stream<Path> s = Files.list(queue)) {
            assertEquals(1, s.filter(p -> p.toString().endsWith(".entry")).count());
        }
        CliRun without = mem("--batch", dir.toString());
        assertEquals(75, without.code(), "deferred without a queue: " + without);
        assertTrue(without.err().contains("b.eml: deferred: later@b.test"), without.err());
        assertTrue(without.err().contains("the messages not delivered are still in " + dir), without.err());
    }

    @Test
    void badArgumentsAreUsageErrorsAndAMissingPathIsNoInput() throws IOException {
        message("a.eml", "r@b.test");
        assertEquals(64, mem("--batch", dir.toString(), "--concurrency", "0").code());
        assertEquals(64, mem("--batch", dir.toString(), "--concurrency", "x").code());
        assertEquals(64, mem("--concurrency", "4", "r@b.test").code());
        CliRun withRecipient = mem("--batch", dir.toString(), "r@b.test");
        assertEquals(64, withRecipient.code(), withRecipient.toString());
        CliRun missing = mem("--batch", home.resolve("nothing").toString());
        assertEquals(66, missing.code(), missing.toString());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertEquals(0, memory.sent().size());
    }

    @Test
    void concurrencyBoundsTheConnectionsToOneHost() throws Exception {
        assumeTrue(Providers.transports(getClass().getClassLoader()).names().contains("socket"),
                "transport-socket is not on the class path");
        for (int i = 0; i < 30; i++) {
            message("m" + i + ".eml", "r" + i + "@b.test");
        }
        try (FakeSmtpServer server = FakeSmtpServer.start(SmtpScript.accepting())) {
            CliRun r = CliRun.run(env, "", "--batch", dir.toString(), "--server", "localhost:" + server.port(),
                    "--tls", "off", "--concurrency", "3", "--timeout", "10");
            assertEquals(0, r.code(), r.toString());
            assertEquals(30, server.messages().size());
            assertTrue(server.mostConcurrentSessions() <= 3, "sessions at once: " + server.mostConcurrentSessions());
            assertTrue(server.connections() <= 3, "connections are reused: " + server.connections());
        }
    }
}
