package dev.sendmail.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file rules of the queue directory: private modes, no symbolic links followed, random temporary names. */
class QueueFilesTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static MailQueue.Builder builder(Path dir) {
        return MailQueue.builder(dir).bounces(false);
    }

    @Test
    void theDirectoryIsCreated0700AndEveryFile0600() throws Exception {
        Path dir = tmp.resolve("a/queue");
        MailQueue q = builder(dir).open();
        assertEquals("rwx------", mode(dir));
        try (QueueClaim claim = q.accept(Envelope.of("s@x.test", "r@y.test"), MessageContent.of("Subject: s\r\n\r\nb\r\n"),
                DeliveryOptions.DEFAULT, QueueRoute.DEFAULT)) {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> all = files.toList();
                assertEquals(3, all.size(), all.toString());
                for (Path p : all) {
                    assertEquals("rw-------", mode(p), p.toString());
                }
            }
        }
    }

    @Test
    void anExistingDirectoryOfThisUserIsTightened() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("q"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        builder(dir).open();
        assertEquals("rwx------", mode(dir));
    }

    @Test
    void aDirectoryOthersMayWriteIsRefused() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("q"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException e = assertThrows(IOException.class, () -> builder(dir).open());
        assertTrue(e.getMessage().contains("writable by others"), e.getMessage());
        assertEquals("rwxrwxrwx", mode(dir), "a refused directory is left as it was");
    }

    @Test
    void aDirectoryThatIsASymbolicLinkIsRefused() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        IOException e = assertThrows(IOException.class, () -> builder(link).open());
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }

    @Test
    void aMessageFileReplacedByASymbolicLinkIsNotSent() throws Exception {
        Path dir = tmp.resolve("q");
        MailQueue q = builder(dir).open();
        Envelope env = Envelope.of("s@x.test", "r@y.test");
        String id;
        try (QueueClaim claim = q.accept(env, MessageContent.of("Subject: s\r\n\r\nb\r\n"), DeliveryOptions.DEFAULT, QueueRoute.DEFAULT)) {
            id = claim.id();
        }
        Path secret = Files.writeString(tmp.resolve("secret"), "Subject: private\r\n\r\nsecret\r\n");
        Files.delete(dir.resolve(id + ".msg"));
        Files.createSymbolicLink(dir.resolve(id + ".msg"), secret);
        MailQueueTest.Recorder r = new MailQueueTest.Recorder(Set.of("r@y.test"));
        QueueRun run = q.flush(r);
        assertTrue(r.contents.stream().noneMatch(c -> new String(c, StandardCharsets.UTF_8).contains("secret")),
                "the link's target must never be sent");
        assertEquals(List.of(), r.calls);
        assertEquals(1, run.corrupt().size(), run.toString());
    }

    @Test
    void anEntryFileThatIsASymbolicLinkIsNotRead() throws Exception {
        Path dir = tmp.resolve("q");
        MailQueue q = builder(dir).open();
        Path elsewhere = Files.writeString(tmp.resolve("entry"), "version: 1\n");
        Files.createSymbolicLink(dir.resolve("20260101T000000-1-1.entry"), elsewhere);
        QueueRun run = q.flush(new MailQueueTest.Recorder(Set.of()));
        assertEquals(1, run.corrupt().size(), run.toString());
        assertTrue(run.corrupt().get(0).contains("symbolic link"), run.corrupt().toString());
        assertTrue(Files.exists(elsewhere), "the target is left alone");
    }

    @Test
    void temporaryNamesAreRandomAndHidden() {
        Path a = QueueFiles.temporary(tmp, "x.entry");
        Path b = QueueFiles.temporary(tmp, "x.entry");
        assertNotEquals(a, b);
        assertTrue(a.getFileName().toString().matches("\\.x\\.entry\\.[0-9a-f]{32}\\.tmp"), a.toString());
        assertFalse(Files.exists(a));
    }

    /**
     * Two queue runs race on one entry: one has just delivered it and removes its lock file (once, as a run
     * does) while the other finds the file present and opens it. The second run must then create the file again,
     * not fail the whole run with the file's name (exit 74, seen with two concurrent {@code --queue-flush}
     * processes). Each round removes the file exactly once, so with the retry the open never fails; without it,
     * some of the rounds hit the window between the failed creation and the open.
     */
    @Test
    void aLockFileRemovedBetweenCreationAndOpenIsCreatedAgain() throws Exception {
        Path lock = tmp.resolve("entry.lock");
        int rounds = 20_000;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
        java.util.concurrent.CyclicBarrier end = new java.util.concurrent.CyclicBarrier(2);
        Thread otherRun = new Thread(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    start.await();
                    Files.delete(lock);
                    end.await();
                }
            } catch (Exception e) {
                start.reset();
                end.reset();
            }
        });
        otherRun.start();
        int opened = 0;
        try {
            for (int i = 0; i < rounds; i++) {
                Files.write(lock, new byte[0]);
                start.await();
                try (java.nio.channels.FileChannel ch = QueueFiles.openLock(lock)) {
                    assertTrue(ch.isOpen());
                    opened++;
                } finally {
                    end.await();
                }
                Files.deleteIfExists(lock);
            }
        } finally {
            otherRun.interrupt();
            otherRun.join();
        }
        assertEquals(rounds, opened);
    }
}
