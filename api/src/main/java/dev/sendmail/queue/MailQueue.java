package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
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

    private final QueueDirectory directory;
    private final Clock clock;
    private final RetryPolicy policy;
    private final EntryAttempt attempts;

    private MailQueue(Builder b) {
        this.directory = new QueueDirectory(b.dir);
        this.clock = b.clock;
        this.policy = b.policy;
        this.attempts = new EntryAttempt(b.clock, b.policy,
                new FailedMessages(directory, b.clock, b.bounces, b.reportingHost));
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
        return directory.path();
    }

    /**
     * Writes a message to the queue before any delivery is attempted (write-ahead): every recipient pending,
     * due now. The message file is written first, then the entry, so no reader sees an entry without its
     * message; the entry's lock is taken before the entry appears and is held by the returned claim, so a
     * concurrent queue run cannot send the message while the caller makes its first attempt. Once this
     * returns, the message survives a crash of the caller at any later moment.
     *
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
        Path lockFile = directory.lockFile(id);
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
            Path msgTemp;
            try (InputStream in = content.open()) {
                msgTemp = QueueDirectory.writeTemporary(directory.path(), id + ".msg", in);
            }
            QueueDirectory.move(msgTemp, directory.messageFile(id));
            directory.writeEntry(entry);
            directory.sync();
            return new QueueClaim(this, entry, new EntryLock(lockFile, lockChannel, lock));
        } catch (IOException | RuntimeException e) {
            // no entry was written: the message file and the lock belong to nobody, and hold space a full disk lacks
            QueueDirectory.discard(directory.messageFile(id), e);
            QueueDirectory.discard(lockFile, e);
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
        for (Path p : directory.entryFiles()) {
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
            return Files.readAttributes(directory.messageFile(id), java.nio.file.attribute.BasicFileAttributes.class,
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
        for (Path entryFile : directory.entryFiles()) {
            String id = QueueDirectory.idOf(entryFile);
            Optional<EntryLock> held = EntryLock.tryTake(directory.lockFile(id));
            if (held.isEmpty()) {
                skipped++;
                continue;
            }
            QueueEntry entry;
            try {
                entry = QueueEntryCodec.parse(QueueFiles.read(entryFile, QueueEntryCodec.MAX_BYTES));
            } catch (NoSuchFileException gone) {
                Files.deleteIfExists(directory.lockFile(id));
                held.get().close();
                continue;
            } catch (IllegalArgumentException | java.nio.file.FileSystemException e) {
                held.get().close();
                reports.add(new EntryReport(id, EntryReport.Result.CORRUPT, List.of(directory.moveAside(id, e.getMessage()))));
                continue;
            }
            try (QueueClaim claim = new QueueClaim(this, entry, held.get())) {
                if (!Files.isRegularFile(directory.messageFile(id), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    reports.add(new EntryReport(id, EntryReport.Result.CORRUPT,
                            List.of(directory.moveAside(id, "message file " + id + ".msg is missing"))));
                    continue;
                }
                Instant now = clock.instant();
                boolean expired = policy.expired(entry.created(), now);
                if (!force && now.isBefore(entry.nextAttempt()) && !expired) {
                    skipped++;
                    continue;
                }
                reports.add(attempts.run(claim, delivery, expired));
            }
        }
        return new QueueRun(reports, skipped);
    }

    /** The entry after {@code report}: decided recipients recorded, the next attempt scheduled. */
    QueueEntry afterAttempt(QueueEntry entry, DeliveryReport report) {
        return attempts.afterAttempt(entry, report);
    }

    Path messageFile(String id) {
        return directory.messageFile(id);
    }

    Path entryFile(String id) {
        return directory.entryFile(id);
    }

    void writeEntry(QueueEntry entry) throws IOException {
        directory.writeEntry(entry);
    }

    /** Removes an entry whose lock the caller holds; the entry goes first, so no run sees a half-removed one. */
    void remove(String id) throws IOException {
        directory.remove(id);
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
