package dev.sendmail.queue;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.Mailbox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The state of one queued message: its envelope, per-recipient state and retry schedule. The message itself
 * is in a file beside the entry.
 *
 * @param id the entry's name in the queue directory
 * @param created when it was first queued
 * @param attempts delivery attempts so far (the one that queued it counts)
 * @param nextAttempt not tried again before this instant (unless flushed)
 * @param sender the reverse-path; empty for the null sender
 * @param recipients every recipient with its state
 * @param dsn the DSN parameters the message was sent with
 * @param requireTls whether the message requires TLS
 * @param route the route it was accepted for; empty for an entry written before routes were recorded
 */
public record QueueEntry(String id, Instant created, int attempts, Instant nextAttempt, Optional<Mailbox> sender,
                         List<Recipient> recipients, Dsn dsn, boolean requireTls, Optional<QueueRoute> route) {

    /** Where one recipient stands. */
    public enum State {
        /** Will be tried again. */
        PENDING,
        /** Delivered; never tried again. */
        DELIVERED,
        /** Failed for good; never tried again. */
        FAILED
    }

    /**
     * One recipient.
     *
     * @param mailbox the address
     * @param state pending (will be tried), delivered or failed (never tried again)
     * @param detail the last outcome, one line
     */
    public record Recipient(Mailbox mailbox, State state, String detail) {
        /**
         * @param mailbox the address
         * @param state where it stands
         * @param detail the last outcome; control characters become spaces, cut at 1,000 characters
         */
        public Recipient {
            detail = oneLine(detail);
        }
    }

    /**
     * @param id the entry's name in the queue directory (letters, digits, '.', '_', '-')
     * @param created when it was first queued
     * @param attempts delivery attempts so far
     * @param nextAttempt not tried again before this instant (unless flushed)
     * @param sender the reverse-path; empty for the null sender
     * @param recipients every recipient with its state
     * @param dsn the DSN parameters
     * @param requireTls whether the message requires TLS
     * @param route the route it was accepted for, if recorded
     */
    public QueueEntry {
        recipients = List.copyOf(recipients);
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("invalid queue id: " + id);
        }
    }

    /**
     * @param value the new recipients
     * @return this entry with {@code value} as its recipients
     */
    QueueEntry withRecipients(List<Recipient> value) {
        return new QueueEntry(id, created, attempts, nextAttempt, sender, value, dsn, requireTls, route);
    }

    /** @return the recipients still to try */
    public List<Mailbox> pending() {
        return recipients.stream().filter(r -> r.state() == State.PENDING).map(Recipient::mailbox).toList();
    }

    /** @return true when no recipient is left to try */
    public boolean isFinished() {
        return pending().isEmpty();
    }

    /** At most 1,000 characters on one line ({@link ControlCharacters#oneLine}). */
    static String oneLine(String s) {
        return ControlCharacters.oneLine(s.length() > 1000 ? s.substring(0, 1000) : s);
    }
}
