package dev.sendmail.cli.output;

import dev.sendmail.api.Mailbox;
import dev.sendmail.queue.MailQueue;
import dev.sendmail.queue.QueueEntry;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** Prints the queue the way {@code mailq} does: one block per message. */
public final class QueueListing {

    private QueueListing() {
    }

    /**
     * One JSON object per queued message (nothing for an empty queue): its id, size, times, attempts, sender
     * and every recipient with its state and last outcome.
     *
     * @return the number of messages
     */
    public static int printJson(MailQueue queue, PrintStream out) throws IOException {
        List<QueueEntry> entries = queue.list();
        for (QueueEntry e : entries) {
            StringBuilder rcpts = new StringBuilder("[");
            for (QueueEntry.Recipient r : e.recipients()) {
                if (rcpts.length() > 1) {
                    rcpts.append(',');
                }
                rcpts.append(new Json().field("recipient", r.mailbox().displayAddress())
                        .field("state", r.state().name().toLowerCase(java.util.Locale.ROOT))
                        .field("detail", r.detail()));
            }
            rcpts.append(']');
            out.println(new Json().field("queue_id", e.id()).field("size", queue.messageSize(e.id()))
                    .field("created", e.created().toString()).field("next_attempt", e.nextAttempt().toString())
                    .field("attempts", e.attempts())
                    .field("sender", e.sender().map(Mailbox::displayAddress).orElse(""))
                    .raw("recipients", rcpts.toString()));
        }
        return entries.size();
    }

    public static int print(MailQueue queue, PrintStream out) throws IOException {
        List<QueueEntry> entries = queue.list();
        if (entries.isEmpty()) {
            out.println("Mail queue is empty");
            return 0;
        }
        out.printf("%-34s %9s %-20s %s%n", "Queue ID", "Size", "Next attempt", "Sender/Recipient");
        for (QueueEntry e : entries) {
            out.printf("%-34s %9d %-20s %s%n", e.id(), queue.messageSize(e.id()),
                    e.nextAttempt().toString().replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", ""),
                    e.sender().map(Mailbox::displayAddress).orElse("<>"));
            for (QueueEntry.Recipient r : e.recipients()) {
                if (r.state() == QueueEntry.State.PENDING) {
                    out.printf("%66s (%s)%n", "", r.detail());
                    out.printf("%66s %s%n", "", r.mailbox().displayAddress());
                }
            }
            out.println();
        }
        out.println("-- " + entries.size() + " message" + (entries.size() == 1 ? "" : "s") + " in queue");
        return entries.size();
    }
}
