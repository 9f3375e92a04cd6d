package dev.sendmail.cli.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Hint;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * A queue entry held under its lock by this process: the only one allowed to deliver it until closed.
 * Closing releases the lock; the operating system releases it too if the process dies.
 */
public final class QueueClaim implements AutoCloseable {

    private final MailQueue queue;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private QueueEntry entry;

    QueueClaim(MailQueue queue, QueueEntry entry, FileChannel lockChannel, FileLock lock) {
        this.queue = queue;
        this.entry = entry;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    public QueueEntry entry() {
        return entry;
    }

    public String id() {
        return entry.id();
    }

    /** The queued copy of the message. */
    public MessageContent content() {
        return MessageContent.of(queue.messageFile(entry.id()));
    }

    public DeliveryOptions options() {
        return new DeliveryOptions(entry.dsn(), entry.requireTls(), Hint.AUTO, Hint.AUTO);
    }

    /**
     * Records the outcome of an attempt: delivered and failed recipients are final; when none is pending the
     * entry leaves the queue, otherwise the new state is written atomically with its next attempt time.
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

    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            lockChannel.close();
        }
    }
}
