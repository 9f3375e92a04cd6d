package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.Sender;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The first attempt at a message that has a queue as its safety net: the message is written to the queue before
 * the attempt ({@link MailQueue#accept}), so a crash at any later moment loses nothing; the attempt is made under
 * the entry's lock, so a concurrent queue run cannot send it twice; and its outcome is recorded, so the entry
 * leaves the queue when no recipient is left to retry and stays for the next run otherwise.
 *
 * @param report the outcome of the first attempt
 * @param queuedAs the queue id when some recipients were deferred and stay queued; empty when nothing is left
 *        queued, or when the message was sent without a queue
 */
public record FirstAttempt(DeliveryReport report, Optional<String> queuedAs) {

    /**
     * Queues the message, sends it once, and records the outcome.
     *
     * @param queue the queue
     * @param route the route later runs deliver the deferred recipients through (the one {@code sender} sends)
     * @param sender sends the first attempt
     * @param envelope the sender and every recipient
     * @param content the message; the attempt sends these octets, the queue keeps a copy
     * @param options the DSN parameters and TLS requirement
     * @param notes told the queue id once the message is safe in the queue, before the attempt
     * @return the outcome
     * @throws IOException when the message cannot be queued or its outcome cannot be recorded; in the second case
     *         the entry stays queued, and a later run may send deferred recipients again
     */
    public static FirstAttempt send(MailQueue queue, QueueRoute route, Sender sender, Envelope envelope,
                                    MessageContent content, DeliveryOptions options, Consumer<String> notes)
            throws IOException {
        try (QueueClaim claim = queue.accept(envelope, content, options, route)) {
            notes.accept("accepted into the queue as " + claim.id() + " in " + queue.directory());
            // the caller's content, not the queued copy: the same octets, and its traits are already computed
            DeliveryReport report = sender.send(envelope, content, options);
            QueueEntry after = claim.record(report);
            return new FirstAttempt(report, after.isFinished() ? Optional.empty() : Optional.of(claim.id()));
        }
    }

    /**
     * The recipients nobody will retry, whose copy of the message must be kept elsewhere (for example by a
     * {@link dev.sendmail.local.UndeliveredHandler}) so that no mail is silently lost: with the message queued, those
     * that failed for good (the deferred ones are safe in the queue); without a queue, every recipient not delivered.
     *
     * @return the recipients, in envelope order; empty when nothing needs keeping
     */
    public List<Mailbox> toKeep() {
        return report.outcomes().stream().filter(o -> queuedAs.isPresent() ? o.status() == DeliveryStatus.FAILED : !o.isDelivered())
                .map(RecipientOutcome::recipient).toList();
    }
}
