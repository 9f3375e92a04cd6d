package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable queue of messages that were not delivered to every recipient, one directory per queue:
 * {@code ID.msg} holds the message, {@code ID.entry} its envelope and per-recipient state (plain text, see
 * {@link QueueEntryCodec}), {@code ID.lock} serialises runs. Every file is written under a random temporary
 * name, forced to disk and renamed, so a crash leaves either the old state or the new one. The directory is
 * private (0700, and one others may write is refused), every file in it is 0600 whatever the umask, and no file
 * is opened through a symbolic link. A run holds the entry's
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
    private final boolean bounces;
    private final String reportingHost;

    private MailQueue(Builder b) {
        this.dir = b.dir;
        this.clock = b.clock;
        this.policy = b.policy;
        this.bounces = b.bounces;
        this.reportingHost = b.reportingHost;
    }

    /**
     * Opens (and creates) the queue in {@code dir} with the system clock, {@link RetryPolicy#DEFAULT} and
     * bounces on.
     *
     * @param dir the queue directory
     * @return the queue
     * @throws IOException when the directory cannot be created or used
     */
    public static MailQueue open(Path dir) throws IOException {
        return builder(dir).open();
    }

    /**
     * A builder for a queue in {@code dir}.
     *
     * @param dir the queue directory
     * @return the builder
     */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** @return the queue directory */
    public Path directory() {
        return dir;
    }

    /**
     * Writes a message to the queue before any delivery is attempted (write-ahead): every recipient pending,
     * due now. The message file is written first, then the entry, so no reader sees an entry without its
     * message; the entry's lock is taken before the entry appears and is held by the returned claim, so a
     * concurrent queue run cannot send the message while the caller makes its first attempt. Once this
     * returns, the message survives a crash of the caller at any later moment.
     */
    /**
     * @param envelope the sender and every recipient
     * @param content the message
     * @param options the DSN parameters and TLS requirement
     * @param route the route it is to be delivered through, recorded so every later run uses the same one
     * @return the claim on the new entry; close it when the first attempt is recorded
     * @throws IOException when the message could not be written durably
     */
    public QueueClaim accept(Envelope envelope, MessageContent content, DeliveryOptions options, QueueRoute route)
            throws IOException {
        Instant now = clock.instant();
        String id = ID_TIME.format(now) + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (Mailbox r : envelope.recipients()) {
            recipients.add(new QueueEntry.Recipient(r, QueueEntry.State.PENDING, "not yet tried"));
        }
        QueueEntry entry = new QueueEntry(id, now, 0, now, envelope.sender(), recipients, options.dsn(),
                options.requireTls(), Optional.of(route));
        Path lockFile = dir.resolve(id + ".lock");
        EntryLock.reserve(lockFile);
        FileChannel lockChannel;
        try {
            lockChannel = QueueFiles.createNew(lockFile);
        } catch (IOException | RuntimeException e) {
            EntryLock.release(lockFile);
            throw e;
        }
        try {
            FileLock lock = lockChannel.lock();
            Path msgTemp = QueueFiles.temporary(dir, id + ".msg");
            try (InputStream in = content.open(); FileChannel ch = QueueFiles.createNew(msgTemp)) {
                in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
                ch.force(true);
            }
            move(msgTemp, dir.resolve(id + ".msg"));
            writeEntry(entry);
            syncDirectory();
            return new QueueClaim(this, entry, new EntryLock(lockFile, lockChannel, lock));
        } catch (IOException | RuntimeException e) {
            new EntryLock(lockFile, lockChannel, null).close();
            throw e;
        }
    }

    /**
     * Every readable entry, oldest first; unreadable ones are skipped (a run moves them aside).
     *
     * @return the entries
     * @throws IOException when the directory cannot be read
     */
    public List<QueueEntry> list() throws IOException {
        List<QueueEntry> entries = new ArrayList<>();
        for (Path p : entryFiles()) {
            try {
                entries.add(QueueEntryCodec.parse(QueueFiles.read(p, QueueEntryCodec.MAX_BYTES)));
            } catch (NoSuchFileException gone) {
                // delivered by a concurrent run
            } catch (IllegalArgumentException | java.nio.file.FileSystemException corrupt) {
                // reported by run()
            }
        }
        entries.sort((a, b) -> a.created().compareTo(b.created()));
        return entries;
    }

    /**
     * @param id a queue id
     * @return the size of the entry's message in bytes, or -1 if it is gone
     */
    public long messageSize(String id) {
        try {
            return Files.readAttributes(dir.resolve(id + ".msg"), java.nio.file.attribute.BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS).size();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Tries every entry that is due, each under its lock; entries another run holds are skipped.
     *
     * @param delivery how messages are sent
     * @return what was done, one report per entry tried
     * @throws IOException when the directory cannot be read or an entry cannot be saved
     */
    public QueueRun run(QueueDelivery delivery) throws IOException {
        return run(delivery, false);
    }

    /**
     * Tries every entry now, due or not, each under its lock; entries another run holds are skipped.
     *
     * @param delivery how messages are sent
     * @return what was done, one report per entry tried
     * @throws IOException when the directory cannot be read or an entry cannot be saved
     */
    public QueueRun flush(QueueDelivery delivery) throws IOException {
        return run(delivery, true);
    }

    private QueueRun run(QueueDelivery delivery, boolean force) throws IOException {
        int skipped = 0;
        List<EntryReport> reports = new ArrayList<>();
        for (Path entryFile : entryFiles()) {
            String id = idOf(entryFile);
            Optional<EntryLock> held = EntryLock.tryTake(dir.resolve(id + ".lock"));
            if (held.isEmpty()) {
                skipped++;
                continue;
            }
            QueueEntry entry;
            try {
                entry = QueueEntryCodec.parse(QueueFiles.read(entryFile, QueueEntryCodec.MAX_BYTES));
            } catch (NoSuchFileException gone) {
                Files.deleteIfExists(dir.resolve(id + ".lock"));
                held.get().close();
                continue;
            } catch (IllegalArgumentException | java.nio.file.FileSystemException e) {
                held.get().close();
                reports.add(new EntryReport(id, EntryReport.Result.CORRUPT, List.of(moveAside(id, e.getMessage()))));
                continue;
            }
            try (QueueClaim claim = new QueueClaim(this, entry, held.get())) {
                if (!Files.isRegularFile(messageFile(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    reports.add(new EntryReport(id, EntryReport.Result.CORRUPT,
                            List.of(moveAside(id, "message file " + id + ".msg is missing"))));
                    continue;
                }
                Instant now = clock.instant();
                boolean expired = policy.expired(entry.created(), now);
                if (!force && now.isBefore(entry.nextAttempt()) && !expired) {
                    skipped++;
                    continue;
                }
                reports.add(attempt(claim, delivery, expired));
            }
        }
        return new QueueRun(reports, skipped);
    }

    /** One attempt at an entry held under its lock: deliver (or expire), then keep what failed for good. */
    private EntryReport attempt(QueueClaim claim, QueueDelivery delivery, boolean expired) throws IOException {
        QueueEntry entry = claim.entry();
        String id = entry.id();
        List<String> lines = new ArrayList<>();
        QueueEntry updated;
        List<Bounce.Failure> failures = new ArrayList<>();
        if (expired) {
            updated = expire(entry, failures, lines);
        } else {
            DeliveryReport report;
            try {
                report = delivery.deliver(entry.route(), new Envelope(entry.sender(), entry.pending()),
                        claim.content(), claim.options());
            } catch (RouteUnavailableException e) {
                return new EntryReport(id, e.isTransient() ? EntryReport.Result.ROUTE_UNAVAILABLE_TEMPORARILY
                        : EntryReport.Result.ROUTE_UNAVAILABLE,
                        List.of(QueueEntry.oneLine(e.getMessage()) + "; it stays queued"));
            }
            for (RecipientOutcome o : report.outcomes()) {
                lines.add(o.toString());
                if (o.status() == DeliveryStatus.FAILED) {
                    failures.add(failure(o));
                }
            }
            updated = afterAttempt(entry, report);
        }
        if (!failures.isEmpty()) {
            keepFailed(claim, delivery, failures, lines);
        }
        claim.save(updated);
        EntryReport.Result result = !updated.isFinished() ? EntryReport.Result.QUEUED
                : updated.recipients().stream().allMatch(r -> r.state() == QueueEntry.State.DELIVERED)
                ? EntryReport.Result.DELIVERED : EntryReport.Result.FAILED;
        return new EntryReport(id, result, lines);
    }

    private static Bounce.Failure failure(RecipientOutcome o) {
        Optional<String> diagnostic = o.reply().map(r -> QueueEntry.oneLine(r.toString()));
        String status = o.reply().flatMap(r -> r.status()).map(Object::toString)
                .orElse(o.reply().map(r -> r.code() / 100 + ".0.0").orElse("5.0.0"));
        return new Bounce.Failure(o.recipient(), status, diagnostic, o.detail());
    }

    /**
     * Keeps a message some recipients will never get: a delivery status notification to its sender through the
     * same route; when there is no sender to tell, bounces are off, or the notification cannot be sent, a copy
     * of the message and the reason in {@code failed/}. Nothing is removed before one of them is done.
     */
    private void keepFailed(QueueClaim claim, QueueDelivery delivery, List<Bounce.Failure> failures,
                            List<String> lines) throws IOException {
        QueueEntry entry = claim.entry();
        String id = entry.id();
        String why;
        if (!bounces) {
            why = "bounces are off";
        } else if (entry.sender().isEmpty()) {
            why = "the message has the null sender, so no notice is sent";
        } else {
            Mailbox to = entry.sender().get();
            MessageContent notice = MessageContent.of(Bounce.text(entry, failures, clock.instant(), reportingHost,
                    messageHeaders(id)));
            String outcome;
            try {
                DeliveryReport r = delivery.deliver(entry.route(), Envelope.nullSender(List.of(to)), notice,
                        DeliveryOptions.DEFAULT);
                RecipientOutcome o = r.outcomes().get(0);
                if (o.isDelivered()) {
                    lines.add("delivery status notification sent to " + to.displayAddress());
                    return;
                }
                outcome = o.detail();
            } catch (RouteUnavailableException | RuntimeException e) {
                outcome = String.valueOf(e.getMessage());
            }
            why = "the notice to " + to.displayAddress() + " could not be sent: " + outcome;
        }
        Path kept = keepInFailed(claim, failures, why);
        lines.add(QueueEntry.oneLine(why) + "; message kept in " + kept);
    }

    /** Copies the message to {@code failed/ID.N.msg} with {@code ID.N.reason} beside it, both durable. */
    private Path keepInFailed(QueueClaim claim, List<Bounce.Failure> failures, String why) throws IOException {
        Path failedDir = dir.resolve("failed");
        QueueFiles.prepareDirectory(failedDir);
        QueueEntry entry = claim.entry();
        String base = entry.id() + "." + (entry.attempts() + 1);
        Path msgTemp = QueueFiles.temporary(failedDir, base + ".msg");
        try (InputStream in = claim.content().open(); FileChannel ch = QueueFiles.createNew(msgTemp)) {
            in.transferTo(java.nio.channels.Channels.newOutputStream(ch));
            ch.force(true);
        }
        StringBuilder reason = new StringBuilder();
        reason.append("sender: ").append(entry.sender().map(Mailbox::address).orElse("<>")).append('\n');
        reason.append("queued: ").append(entry.created()).append('\n');
        reason.append("why-kept: ").append(QueueEntry.oneLine(why)).append('\n');
        for (Bounce.Failure f : failures) {
            reason.append("failed: ").append(f.recipient().address()).append(' ').append(f.status()).append(' ')
                    .append(QueueEntry.oneLine(f.detail())).append('\n');
        }
        Path reasonTemp = QueueFiles.temporary(failedDir, base + ".reason");
        try (FileChannel ch = QueueFiles.createNew(reasonTemp)) {
            ch.write(java.nio.ByteBuffer.wrap(reason.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ch.force(true);
        }
        move(reasonTemp, failedDir.resolve(base + ".reason"));
        Path kept = failedDir.resolve(base + ".msg");
        move(msgTemp, kept);
        sync(failedDir);
        return kept;
    }

    // ---------------------------------------------------------------------------------------------

    /** The entry after {@code report}: decided recipients recorded, the next attempt scheduled. */
    QueueEntry afterAttempt(QueueEntry entry, DeliveryReport report) {
        Map<Mailbox, RecipientOutcome> byRecipient = new HashMap<>();
        for (RecipientOutcome o : report.outcomes()) {
            byRecipient.put(o.recipient(), o);
        }
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (QueueEntry.Recipient r : entry.recipients()) {
            RecipientOutcome o = r.state() == QueueEntry.State.PENDING ? byRecipient.get(r.mailbox()) : null;
            recipients.add(o == null ? r : new QueueEntry.Recipient(r.mailbox(), state(o.status()), o.detail()));
        }
        Instant now = clock.instant();
        int attempts = entry.attempts() + 1;
        // the attempt made when the message was accepted is not a queue run: the next run (cron) tries again,
        // and back-off counts from the queue runs that failed
        Instant next = attempts == 1 ? now : policy.next(now, attempts - 1);
        return new QueueEntry(entry.id(), entry.created(), attempts, next, entry.sender(),
                recipients, entry.dsn(), entry.requireTls(), entry.route());
    }

    Path messageFile(String id) {
        return dir.resolve(id + ".msg");
    }

    /** Every pending recipient of an expired entry fails: a permanent failure like any other. */
    private QueueEntry expire(QueueEntry entry, List<Bounce.Failure> failures, List<String> lines) {
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (QueueEntry.Recipient r : entry.recipients()) {
            if (r.state() == QueueEntry.State.PENDING) {
                QueueEntry.Recipient failed = new QueueEntry.Recipient(r.mailbox(), QueueEntry.State.FAILED,
                        "gave up after " + policy.maxAge().toHours() + " hours in the queue; last: " + r.detail());
                recipients.add(failed);
                failures.add(new Bounce.Failure(r.mailbox(), "4.4.7", Optional.empty(), failed.detail()));
                lines.add(r.mailbox().displayAddress() + ": failed: " + failed.detail());
            } else {
                recipients.add(r);
            }
        }
        return entry.withRecipients(recipients);
    }

    /** The header section of a queued message, at most 16 KiB, for a bounce. */
    private String messageHeaders(String id) {
        try (InputStream in = QueueFiles.open(dir.resolve(id + ".msg"))) {
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

    void writeEntry(QueueEntry entry) throws IOException {
        Path temp = QueueFiles.temporary(dir, entry.id() + ".entry");
        try (FileChannel ch = QueueFiles.createNew(temp)) {
            ch.write(java.nio.ByteBuffer.wrap(QueueEntryCodec.format(entry)));
            ch.force(true);
        }
        move(temp, dir.resolve(entry.id() + ".entry"));
    }

    /** Removes an entry whose lock the caller holds; the entry goes first, so no run sees a half-removed one. */
    void remove(String id) throws IOException {
        Files.deleteIfExists(dir.resolve(id + ".entry"));
        syncDirectory();
        Files.deleteIfExists(dir.resolve(id + ".msg"));
        Files.deleteIfExists(dir.resolve(id + ".lock"));
    }

    private String moveAside(String id, String why) throws IOException {
        Path corrupt = dir.resolve("corrupt");
        QueueFiles.prepareDirectory(corrupt);
        for (String ext : new String[] {".entry", ".msg"}) {
            Path p = dir.resolve(id + ext);
            if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.move(p, corrupt.resolve(id + ext), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.deleteIfExists(dir.resolve(id + ".lock"));
        return "moved to " + corrupt + ": " + QueueEntry.oneLine(why);
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
        sync(dir);
    }

    private static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort
        }
    }

    /** Builds a {@link MailQueue}. */
    public static final class Builder {
        private final Path dir;
        private Clock clock = Clock.systemUTC();
        private RetryPolicy policy = RetryPolicy.DEFAULT;
        private boolean bounces = true;
        private String reportingHost = "localhost";

        private Builder(Path dir) {
            this.dir = java.util.Objects.requireNonNull(dir, "dir");
        }

        /**
         * @param value the clock for ids, schedules and expiry
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = java.util.Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value when to retry and when to give up
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy value) {
            policy = java.util.Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value whether a permanent failure in a queue run sends a delivery status notification to the
         *        envelope sender (default on); off, or when it cannot be sent, the message is kept in
         *        {@code failed/} with the reason
         * @return this builder
         */
        public Builder bounces(boolean value) {
            bounces = value;
            return this;
        }

        /**
         * @param value the host name a delivery status notification names as its reporting MTA (and in its
         *        From address); default {@code localhost}
         * @return this builder
         */
        public Builder reportingHost(String value) {
            if (!value.matches("[A-Za-z0-9.\\[\\]:-]{1,255}")) {
                throw new IllegalArgumentException("invalid reporting host name: " + value);
            }
            reportingHost = value;
            return this;
        }

        /**
         * Opens (and creates) the queue.
         *
         * @return the queue
         * @throws IOException when the directory cannot be created or used
         */
        public MailQueue open() throws IOException {
            QueueFiles.prepareDirectory(dir);
            return new MailQueue(this);
        }
    }
}
