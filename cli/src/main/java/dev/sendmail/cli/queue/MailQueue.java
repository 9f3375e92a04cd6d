package dev.sendmail.cli.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable queue of messages that were not delivered to every recipient, one directory per queue:
 * {@code ID.msg} holds the message, {@code ID.entry} its envelope and per-recipient state (plain text, see
 * {@link QueueEntryCodec}), {@code ID.lock} serialises runs. Every file is written under a temporary name,
 * forced to disk and renamed, so a crash leaves either the old state or the new one. A run holds the entry's
 * lock while it delivers, so two runs never send the same message at once, and the lock dies with the process.
 * Recipients already delivered are never tried again; a delivery whose final reply was lost in a crash is
 * repeated (at-least-once, as RFC 5321 section 6.1 allows), never dropped.
 */
public final class MailQueue {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path dir;
    private final Clock clock;
    private final RetryPolicy policy;

    private MailQueue(Path dir, Clock clock, RetryPolicy policy) {
        this.dir = dir;
        this.clock = clock;
        this.policy = policy;
    }

    /** Opens (and creates) the queue in {@code dir}. */
    public static MailQueue open(Path dir, Clock clock, RetryPolicy policy) throws IOException {
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException("queue directory is not writable: " + dir);
        }
        return new MailQueue(dir, clock, policy);
    }

    public Path directory() {
        return dir;
    }

    /**
     * Queues the recipients of {@code report} that were deferred; delivered and failed recipients are recorded
     * as such and never tried again. Returns the entry id. The message is copied into the queue first, then the
     * entry appears, so no reader sees an entry without its message.
     */
    public String enqueue(Envelope envelope, MessageContent content, DeliveryOptions options, DeliveryReport report)
            throws IOException {
        Instant now = clock.instant();
        String id = ID_TIME.format(now) + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (RecipientOutcome o : report.outcomes()) {
            recipients.add(new QueueEntry.Recipient(o.recipient(), state(o.status()), o.detail()));
        }
        QueueEntry entry = new QueueEntry(id, now, 1, policy.next(now, 1), envelope.sender(), recipients,
                options.dsn(), options.requireTls());
        Path msgTemp = dir.resolve("." + id + ".msg.tmp");
        try (InputStream in = content.open(); FileChannel ch = FileChannel.open(msgTemp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
            ch.force(true);
        }
        move(msgTemp, dir.resolve(id + ".msg"));
        writeEntry(entry);
        syncDirectory();
        return id;
    }

    /** Every readable entry, oldest first; unreadable ones are skipped (a run moves them aside). */
    public List<QueueEntry> list() throws IOException {
        List<QueueEntry> entries = new ArrayList<>();
        for (Path p : entryFiles()) {
            try {
                entries.add(QueueEntryCodec.parse(Files.readAllBytes(p)));
            } catch (NoSuchFileException gone) {
                // delivered by a concurrent run
            } catch (IllegalArgumentException corrupt) {
                // reported by run()
            }
        }
        entries.sort((a, b) -> a.created().compareTo(b.created()));
        return entries;
    }

    /** The size of an entry's message in bytes, or -1 if it is gone. */
    public long messageSize(String id) {
        try {
            return Files.size(dir.resolve(id + ".msg"));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Tries every entry that is due ({@code force}: every entry), each under its lock.
     *
     * @param bounce when a message expires, send a notice to its sender (never for the null sender)
     */
    public QueueRun run(QueueDelivery delivery, boolean force, boolean bounce) throws IOException {
        int tried = 0;
        int finished = 0;
        int stillQueued = 0;
        int skipped = 0;
        List<String> corrupt = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (Path entryFile : entryFiles()) {
            String id = idOf(entryFile);
            Path lockFile = dir.resolve(id + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                FileLock lock;
                try {
                    lock = lockChannel.tryLock();
                } catch (OverlappingFileLockException inThisProcess) {
                    lock = null;
                }
                if (lock == null) {
                    skipped++;
                    continue;
                }
                QueueEntry entry;
                try {
                    entry = QueueEntryCodec.parse(Files.readAllBytes(entryFile));
                } catch (NoSuchFileException gone) {
                    Files.deleteIfExists(lockFile);
                    continue;
                } catch (IllegalArgumentException e) {
                    corrupt.add(moveAside(id, e.getMessage()));
                    continue;
                }
                Path msg = dir.resolve(id + ".msg");
                if (!Files.exists(msg)) {
                    corrupt.add(moveAside(id, "message file " + msg.getFileName() + " is missing"));
                    continue;
                }
                Instant now = clock.instant();
                if (!force && now.isBefore(entry.nextAttempt()) && !policy.expired(entry.created(), now)) {
                    skipped++;
                    continue;
                }
                tried++;
                QueueEntry updated = policy.expired(entry.created(), now)
                        ? expire(entry, delivery, bounce, lines)
                        : attempt(entry, msg, delivery, lines);
                if (updated.isFinished()) {
                    finished++;
                    remove(id);
                } else {
                    stillQueued++;
                    writeEntry(updated);
                }
            }
        }
        return new QueueRun(tried, finished, stillQueued, skipped, corrupt, lines);
    }

    // ---------------------------------------------------------------------------------------------

    private QueueEntry attempt(QueueEntry entry, Path msg, QueueDelivery delivery, List<String> lines) {
        Envelope envelope = new Envelope(entry.sender(), entry.pending());
        DeliveryOptions options = new DeliveryOptions(entry.dsn(), entry.requireTls(), Hint.AUTO, Hint.AUTO);
        DeliveryReport report = delivery.deliver(envelope, MessageContent.of(msg), options);
        Map<Mailbox, RecipientOutcome> byRecipient = new HashMap<>();
        for (RecipientOutcome o : report.outcomes()) {
            byRecipient.put(o.recipient(), o);
            lines.add(entry.id() + ": " + o);
        }
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (QueueEntry.Recipient r : entry.recipients()) {
            RecipientOutcome o = r.state() == QueueEntry.State.PENDING ? byRecipient.get(r.mailbox()) : null;
            recipients.add(o == null ? r : new QueueEntry.Recipient(r.mailbox(), state(o.status()), o.detail()));
        }
        Instant now = clock.instant();
        int attempts = entry.attempts() + 1;
        return new QueueEntry(entry.id(), entry.created(), attempts, policy.next(now, attempts), entry.sender(),
                recipients, entry.dsn(), entry.requireTls());
    }

    private QueueEntry expire(QueueEntry entry, QueueDelivery delivery, boolean bounce, List<String> lines) {
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        List<QueueEntry.Recipient> expired = new ArrayList<>();
        for (QueueEntry.Recipient r : entry.recipients()) {
            if (r.state() == QueueEntry.State.PENDING) {
                QueueEntry.Recipient failed = new QueueEntry.Recipient(r.mailbox(), QueueEntry.State.FAILED,
                        "gave up after " + policy.maxAge().toHours() + " hours in the queue; last: " + r.detail());
                recipients.add(failed);
                expired.add(failed);
                lines.add(entry.id() + ": " + r.mailbox().displayAddress() + ": failed: " + failed.detail());
            } else {
                recipients.add(r);
            }
        }
        if (bounce && entry.sender().isPresent() && !expired.isEmpty()) {
            Mailbox to = entry.sender().get();
            DeliveryReport r = delivery.deliver(Envelope.nullSender(List.of(to)),
                    MessageContent.of(Bounce.text(entry, expired, clock.instant(), messageHeaders(entry.id()))),
                    DeliveryOptions.DEFAULT);
            lines.add(entry.id() + ": bounce to " + to.displayAddress() + ": " + r.outcomes().get(0).detail());
        }
        return new QueueEntry(entry.id(), entry.created(), entry.attempts(), entry.nextAttempt(), entry.sender(),
                recipients, entry.dsn(), entry.requireTls());
    }

    /** The header section of a queued message, at most 16 KiB, for a bounce. */
    private String messageHeaders(String id) {
        try (InputStream in = Files.newInputStream(dir.resolve(id + ".msg"))) {
            byte[] head = in.readNBytes(16 * 1024);
            String s = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
            int end = s.indexOf("\n\n");
            return end >= 0 ? s.substring(0, end + 1) : s;
        } catch (IOException e) {
            return "";
        }
    }

    private static QueueEntry.State state(DeliveryStatus s) {
        return switch (s) {
            case DELIVERED -> QueueEntry.State.DELIVERED;
            case FAILED -> QueueEntry.State.FAILED;
            case DEFERRED -> QueueEntry.State.PENDING;
        };
    }

    private List<Path> entryFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.entry")) {
            for (Path p : s) {
                if (!p.getFileName().toString().startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private static String idOf(Path entryFile) {
        String n = entryFile.getFileName().toString();
        return n.substring(0, n.length() - ".entry".length());
    }

    private void writeEntry(QueueEntry entry) throws IOException {
        Path temp = dir.resolve("." + entry.id() + ".entry.tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(QueueEntryCodec.format(entry)));
            ch.force(true);
        }
        move(temp, dir.resolve(entry.id() + ".entry"));
    }

    private void remove(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + ".entry"));
        syncDirectory();
        Files.deleteIfExists(dir.resolve(id + ".msg"));
        Files.deleteIfExists(dir.resolve(id + ".lock"));
    }

    private String moveAside(String id, String why) throws IOException {
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        for (String ext : new String[] {".entry", ".msg"}) {
            Path p = dir.resolve(id + ext);
            if (Files.exists(p)) {
                Files.move(p, corrupt.resolve(id + ext), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(dir.resolve(id + ".lock"));
        return id + ": corrupt entry moved to " + corrupt + ": " + QueueEntry.oneLine(why);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes renames durable; not every file system lets a directory be opened, which is harmless. */
    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }
}
