package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second run in the same JVM must not free the lock a first one holds: POSIX drops a process's locks on a
 * file when any descriptor of it is closed. Another process (a real one) checks that the lock still holds.
 */
class EntryLockTest {

    @TempDir
    Path dir;

    /** Run in a child JVM: prints "free" when it could lock the file, "held" when not. */
    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            System.out.println(lock == null ? "held" : "free");
        }
    }

    private static String probe(Path lockFile) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EntryLockTest.class.getName(), lockFile.toString()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void anotherRunInThisProcessLeavesTheHeldLockInPlace() throws Exception {
        MailQueue q = MailQueue.builder(dir).bounces(false).open();
        try (QueueClaim claim = q.accept(Envelope.of("s@x.test", "a@y.test"), MessageContent.of("Subject: x\r\n\r\nb\r\n"),
                DeliveryOptions.DEFAULT, QueueRoute.DEFAULT)) {
            Path lockFile = dir.resolve(claim.id() + ".lock");
            assertEquals("held", probe(lockFile), "the claim holds the lock against other processes");
            MailQueueTest.Recorder other = new MailQueueTest.Recorder(Set.of("a@y.test"));
            QueueRun run = MailQueue.builder(dir).bounces(false).open().flush(other);
            assertEquals(1, run.skipped());
            assertEquals(List.of(), other.calls);
            assertEquals("held", probe(lockFile), "a skipped run in this JVM must not have freed the lock");
        }
    }
}
