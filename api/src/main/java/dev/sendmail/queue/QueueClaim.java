package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Hint;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A queue entry held under its lock by this process: the only one allowed to deliver it until closed.
 * Closing releases the lock; the operating system releases it too if the process dies.
 */
public final class QueueClaim implements AutoCloseable {

    private final MailQueue queue;
    private final EntryLock lock;
    private QueueEntry entry;

    QueueClaim(MailQueue queue, QueueEntry entry, EntryLock lock) {
        this.queue = queue;
        this.entry = entry;
        this.lock = lock;
    }

    /** @return the entry as last saved */
    public QueueEntry entry() {
        return entry;
    }

    /** @return the entry's queue id */
    public String id() {
        return entry.id();
    }

    /** @return the queued copy of the message */
    public MessageContent content() {
        return new QueuedContent(queue.messageFile(entry.id()));
    }

    /** @return the DSN parameters and TLS requirement the message was accepted with */
    public DeliveryOptions options() {
        return new DeliveryOptions(entry.dsn(), entry.requireTls(), Hint.AUTO, Hint.AUTO);
    }

    /**
     * Records the outcome of an attempt: delivered and failed recipients are final; when none is pending the
     * entry leaves the queue, otherwise the new state is written atomically with its next attempt time.
     *
     * @param report the outcome of the attempt
     * @return the entry after it
     * @throws IOException when the new state could not be saved
     */
    public QueueEntry record(DeliveryReport report) throws IOException {
        return save(queue.afterAttempt(entry, report));
    }

    QueueEntry save(QueueEntry updated) throws IOException {
        if (updated.isFinished()) {
            queue.remove(updated.id());
        } else {
            queue.writeEntry(updated);
        }
        entry = updated;
        return updated;
    }

    /**
     * Removes the entry, whatever its recipients' state, because its outcome could not be recorded: an unlink
     * may work where a rewrite did not (it frees space on a full disk).
     *
     * @return true when the entry file is gone (a message file left behind is never read without it)
     */
    boolean drop() {
        try {
            queue.remove(entry.id());
            return true;
        } catch (IOException e) {
            return Files.notExists(queue.entryFile(entry.id()), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /**
     * The line for an entry left as it was because its outcome could not be recorded: who a queue run would send
     * the message to again, and how to prevent it.
     *
     * @param again the recipients that have their outcome, each with it, such as {@code b@b.test (delivered)}
     * @param waiting the recipients still owed the message
     * @param keptElsewhere whether those were also kept outside the queue
     */
    String unsettled(List<String> again, List<Mailbox> waiting, boolean keptElsewhere) {
        String id = entry.id();
        String files = queue.entryFile(id) + " and " + queue.messageFile(id);
        String prevent;
        if (waiting.isEmpty()) {
            prevent = "delete " + files + " before the next queue run; nobody is waiting for it";
        } else if (keptElsewhere) {
            prevent = "delete " + files + " before the next queue run; the copy kept for " + addresses(waiting)
                    + " is enough";
        } else {
            prevent = "send " + queue.messageFile(id) + " yourself to " + addresses(waiting) + " alone, then delete "
                    + files + ", before the next queue run";
        }
        return "queue entry " + id + " was not updated: a queue run sends the message again to "
                + String.join(", ", again) + "; to prevent it, " + prevent;
    }

    private static String addresses(List<Mailbox> recipients) {
        return recipients.stream().map(Mailbox::address).collect(Collectors.joining(", "));
    }

    /** Releases the lock like {@link #close}, without a failure: the operating system releases it at exit. */
    void closeQuietly() {
        try {
            close();
        } catch (IOException e) {
            // released when the process ends
        }
    }

    /** Releases the entry's lock: another run may take it. */
    @Override
    public void close() throws IOException {
        lock.close();
    }
}
