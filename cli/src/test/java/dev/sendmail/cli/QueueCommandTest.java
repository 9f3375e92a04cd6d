package dev.sendmail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.testing.MemoryTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCommandTest {

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
        name = "queue-" + System.nanoTime();
        memory = MemoryTransport.named(name);
        queue = home.resolve("queue");
    }

    private CliRun run(String stdin, String... args) {
        String[] all = Stream.concat(Stream.of("--transport", "memory", "--set", "name=" + name, "--queue-dir",
                queue.toString()), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(env, stdin, all);
    }

    private long entries() throws Exception {
        try (Stream<Path> s = Files.list(queue)) {
            return s.filter(p -> p.toString().endsWith(".entry")).count();
        }
    }

    @Test
    void deferredRecipientsAreQueuedAndExitZeroThenTheQueueRunDeliversOnlyThem() throws Exception {
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 try again later"));
        CliRun first = run(MESSAGE, "-f", "alice@a.test", "bob@b.test", "later@b.test");
        assertEquals(0, first.code(), "a deferred recipient in the queue is safely queued: " + first);
        assertTrue(first.err().contains("queued as "), first.toString());
        assertEquals(1, entries());
        assertFalse(Files.exists(home.resolve("dead.letter")), "a queued message is not also a dead letter");
        assertEquals(1, memory.sent().size());

        CliRun list = run("", "-bp");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("later@b.test") && !list.out().contains("bob@b.test"), list.out());

        memory.clear();
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 still later"));
        CliRun firstRun = run("", "-q");
        assertEquals(0, firstRun.code(), firstRun.toString());
        assertTrue(firstRun.err().contains(": still queued: later@b.test: deferred: RCPT 451 4.3.0 still later"),
                "the first queue run after queueing tries the message: " + firstRun);
        CliRun notDue = run("", "-q");
        assertEquals(0, notDue.code(), notDue.toString());
        assertEquals("", notDue.out() + notDue.err(), "not due for 5 minutes, and nothing due prints nothing");

        memory.clear();
        CliRun flush = run("", "--queue-flush");
        assertEquals(0, flush.code(), flush.toString());
        assertEquals(1, memory.sent().size());
        assertEquals("later@b.test", memory.sent().get(0).recipients().get(0).address());
        assertTrue(new String(memory.sent().get(0).content()).contains("queued body"));
        assertEquals(0, entries());
        assertTrue(run("", "--queue-list").out().contains("Mail queue is empty"));
    }

    @Test
    void permanentFailuresAreReportedAndKeptWhileDeferredOnesAreQueued() throws Exception {
        memory.replyToRecipient("gone@b.test", SmtpReply.of(550, "5.1.1 no such user"));
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 later"));
        CliRun r = run(MESSAGE, "-f", "alice@a.test", "gone@b.test", "later@b.test");
        assertEquals(ExitCodes.NO_USER, r.code(), r.toString());
        assertTrue(r.err().contains("gone@b.test"), r.toString());
        assertTrue(Files.readString(home.resolve("dead.letter")).contains("X-Undelivered-To: gone@b.test\n"));
        assertEquals(1, entries());
    }

    @Test
    void deliveredMessagesLeaveNothingInTheQueue() throws Exception {
        CliRun r = run(MESSAGE, "-f", "alice@a.test", "bob@b.test");
        assertEquals(0, r.code(), r.toString());
        assertEquals(0, entries());
        try (Stream<Path> s = Files.list(queue)) {
            assertEquals(0, s.count(), "no lock, message or temporary file is left");
        }
    }

    @Test
    void anUnusableQueueDirectoryKeepsTheMessageInDeadLetter() throws Exception {
        Files.writeString(home.resolve("file"), "not a directory");
        String[] args = {"--transport", "memory", "--set", "name=" + name, "--queue-dir",
            home.resolve("file/queue").toString(), "-f", "alice@a.test", "bob@b.test"};
        CliRun r = CliRun.run(env, MESSAGE, args);
        assertEquals(ExitCodes.CANT_CREATE, r.code(), r.toString());
        assertTrue(r.err().contains("cannot use queue directory"), r.toString());
        assertTrue(Files.readString(home.resolve("dead.letter")).contains("queued body"), "nothing is lost");
        assertTrue(memory.sent().isEmpty(), "nothing is sent without the queue the user asked for");
    }

    @Test
    void queueCommandsNeedAQueueDirectory() {
        CliRun r = CliRun.run(env, "", "-q");
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("--queue-dir"), r.toString());
    }

    @Test
    void aQueueDirectoryOthersMayWriteIsRefusedInOneLineAndTheMessageKept() throws Exception {
        Files.createDirectory(queue);
        Files.setPosixFilePermissions(queue, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        CliRun r = run(MESSAGE, "-f", "alice@a.test", "bob@b.test");
        assertEquals(ExitCodes.CANT_CREATE, r.code(), r.toString());
        assertTrue(r.err().contains("writable by others"), r.toString());
        assertTrue(memory.sent().isEmpty(), "nothing is sent through a queue that is refused");
        assertTrue(Files.readString(home.resolve("dead.letter")).contains("queued body"), "nothing is lost");
        CliRun q = run("", "-q");
        assertEquals(ExitCodes.CANT_CREATE, q.code(), q.toString());
        assertEquals(1, q.err().lines().count(), q.toString());
    }

    @Test
    void aQueueRunPrintsOneLinePerMessageTriedAndQuietOnlyErrors() throws Exception {
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 later"));
        memory.replyToRecipient("again@b.test", SmtpReply.of(451, "4.3.0 later"));
        assertEquals(0, run(MESSAGE, "-f", "alice@a.test", "later@b.test", "again@b.test").code());
        assertEquals(0, run(MESSAGE, "-f", "alice@a.test", "later@b.test").code());
        CliRun r = run("", "--queue-flush");
        assertEquals(0, r.code(), r.toString());
        assertEquals(2, r.err().lines().count(), "one line per message, however many recipients: " + r);
        assertTrue(r.err().lines().allMatch(l -> l.contains(": still queued: ")), r.toString());
        CliRun quiet = run("", "--queue-flush", "--quiet");
        assertEquals("", quiet.out() + quiet.err(), quiet.toString());
    }

    @Test
    void queuedAsNamesTheCommandThatRetriesIt() throws Exception {
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 later"));
        CliRun r = run(MESSAGE, "-f", "alice@a.test", "later@b.test");
        assertTrue(r.err().contains("queued as ") && r.err().contains("to retry now: send-mail --queue-dir "
                + queue.toAbsolutePath() + " --queue-flush"), r.toString());
    }

    @Test
    void jsonSaysQueuedWithTheQueueIdAndListsTheQueueAsJson() throws Exception {
        memory.replyToRecipient("later@b.test", SmtpReply.of(451, "4.3.0 later"));
        CliRun r = run(MESSAGE, "--json", "-f", "alice@a.test", "bob@b.test", "later@b.test");
        assertEquals(0, r.code(), r.toString());
        String id;
        try (Stream<Path> s = Files.list(queue)) {
            String f = s.filter(p -> p.toString().endsWith(".entry")).findFirst().orElseThrow().getFileName().toString();
            id = f.substring(0, f.length() - ".entry".length());
        }
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.get(0).contains("\"status\":\"delivered\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"status\":\"queued\"") && lines.get(1).contains("\"exit_code\":0")
                && lines.get(1).contains("\"queue_id\":\"" + id + "\""), lines.get(1));
        CliRun list = run("", "-bp", "--json");
        assertEquals(0, list.code(), list.toString());
        assertEquals(1, list.out().lines().count(), list.toString());
        assertTrue(list.out().startsWith("{\"queue_id\":\"" + id + "\"") && list.out().contains(
                "\"recipients\":[{\"recipient\":\"bob@b.test\",\"state\":\"delivered\""), list.out());
    }
}
