package dev.sendmail.queue;

import dev.sendmail.api.Mailbox;
import dev.sendmail.internal.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The messages of a {@link MailQueue} listed for people, the way {@code mailq} shows a queue, and for programs, as
 * one JSON object per message. Both read {@link MailQueue#list()} once, so they see the queue as it was at that
 * moment.
 */
public final class QueueListing {

    private QueueListing() {
    }

    /**
     * The queue as {@code mailq} shows it: {@code Mail queue is empty}, or a heading, then for each message its
     * id, size in bytes, next attempt (UTC, to the second) and sender ({@code <>} for none), followed by each
     * recipient still pending with the last outcome in parentheses above it and a blank line; last a line that
     * counts the messages.
     *
     * @param queue the queue
     * @return the lines, without line ends
     * @throws IOException when the queue cannot be read
     */
    public static List<String> text(MailQueue queue) throws IOException {
        List<QueueEntry> entries = queue.list();
        if (entries.isEmpty()) {
            return List.of("Mail queue is empty");
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-34s %9s %-20s %s", "Queue ID", "Size", "Next attempt", "Sender/Recipient"));
        for (QueueEntry e : entries) {
            lines.add(String.format("%-34s %9d %-20s %s", e.id(), queue.messageSize(e.id()),
                    e.nextAttempt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", ""),
                    e.sender().map(Mailbox::displayAddress).orElse("<>")));
            for (QueueEntry.Recipient r : e.recipients()) {
                if (r.state() == QueueEntry.State.PENDING) {
                    lines.add(String.format("%66s (%s)", "", r.detail()));
                    lines.add(String.format("%66s %s", "", r.mailbox().displayAddress()));
                }
            }
            lines.add("");
        }
        lines.add("-- " + entries.size() + " message" + (entries.size() == 1 ? "" : "s") + " in queue");
        return lines;
    }

    /**
     * The queue for programs: one JSON object (RFC 8259, without line breaks) per message, none for an empty
     * queue. Its fields: {@code queue_id}, {@code size} (bytes), {@code created} and {@code next_attempt}
     * (ISO-8601 instants), {@code attempts}, {@code sender} (empty for the null sender) and {@code recipients},
     * an array of every recipient, delivered or not, each with {@code recipient}, {@code state}
     * ({@link QueueEntry.State} in lower case) and {@code detail} (its last outcome).
     *
     * @param queue the queue
     * @return the objects, in the order of {@link MailQueue#list()}
     * @throws IOException when the queue cannot be read
     */
    public static List<String> json(MailQueue queue) throws IOException {
        List<String> lines = new ArrayList<>();
        for (QueueEntry e : queue.list()) {
            List<String> recipients = new ArrayList<>();
            for (QueueEntry.Recipient r : e.recipients()) {
                recipients.add(new Json().field("recipient", r.mailbox().displayAddress())
                        .field("state", r.state().name().toLowerCase(Locale.ROOT)).field("detail", r.detail())
                        .toString());
            }
            lines.add(new Json().field("queue_id", e.id()).field("size", queue.messageSize(e.id()))
                    .field("created", e.created().toString()).field("next_attempt", e.nextAttempt().toString())
                    .field("attempts", e.attempts()).field("sender", e.sender().map(Mailbox::displayAddress).orElse(""))
                    .raw("recipients", "[" + String.join(",", recipients) + "]").toString());
        }
        return lines;
    }
}
