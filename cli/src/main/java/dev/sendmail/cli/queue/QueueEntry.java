package dev.sendmail.cli.queue;

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
 */
public record QueueEntry(String id, Instant created, int attempts, Instant nextAttempt, Optional<Mailbox> sender,
                         List<Recipient> recipients, Dsn dsn, boolean requireTls) {

    /** Where one recipient stands. */
    public enum State { PENDING, DELIVERED, FAILED }

    /**
     * One recipient.
     *
     * @param mailbox the address
     * @param state pending (will be tried), delivered or failed (never tried again)
     * @param detail the last outcome, one line
     */
    public record Recipient(Mailbox mailbox, State state, String detail) {
        public Recipient {
            detail = oneLine(detail);
        }
    }

    public QueueEntry {
        recipients = List.copyOf(recipients);
        if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("invalid queue id: " + id);
        }
    }

    public List<Mailbox> pending() {
        return recipients.stream().filter(r -> r.state() == State.PENDING).map(Recipient::mailbox).toList();
    }

    public boolean isFinished() {
        return pending().isEmpty();
    }

    static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 1000));
        for (int i = 0; i < s.length() && sb.length() < 1000; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        return sb.toString();
    }
}
