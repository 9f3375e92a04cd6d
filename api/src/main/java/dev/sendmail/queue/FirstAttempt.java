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
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The first attempt at a message that has a queue as its safety net: the message is written to the queue before
 * the attempt ({@link MailQueue#accept}), so a crash at any later moment loses nothing; the attempt is made under
 * the entry's lock, so a concurrent queue run cannot send it twice; and its outcome is recorded, so the entry
 * leaves the queue when no recipient is left to retry and stays for the next run otherwise.
 *
 * <p>When the outcome cannot be recorded (the disk is full, the directory became read-only), the report is kept
 * all the same and the entry is settled another way ({@link #send}); what could not be settled is said in
 * {@link #unsettled}.
 *
 * @param report the outcome of the first attempt
 * @param queuedAs the queue id when some recipients were deferred and stay queued; empty when nothing is left
 *        queued, or when the message was sent without a queue
 * @param kept the recipients whose copy was already kept outside the queue while the entry was settled, which
 *        {@link #toKeep} leaves out; usually empty
 * @param unsettled when the outcome could not be recorded and the entry still lists every recipient as waiting:
 *        one line for the user naming the entry, the recipients a queue run would send the message to again,
 *        and how to prevent it; empty otherwise
 */
public record FirstAttempt(DeliveryReport report, Optional<String> queuedAs, List<Mailbox> kept,
                           Optional<String> unsettled) {

    /**
     * Checks the components and copies {@code kept}.
     *
     * @param report the outcome of the first attempt
     * @param queuedAs the queue id when deferred recipients stay queued
     * @param kept the recipients already kept outside the queue
     * @param unsettled the line saying what a queue run would send again, when the entry could not be settled
     */
    public FirstAttempt {
        java.util.Objects.requireNonNull(report, "report");
        java.util.Objects.requireNonNull(queuedAs, "queuedAs");
        kept = List.copyOf(kept);
        java.util.Objects.requireNonNull(unsettled, "unsettled");
    }

    /**
     * An attempt whose outcome was recorded, or that had no queue: nothing kept yet, nothing unsettled.
     *
     * @param report the outcome of the attempt
     * @param queuedAs the queue id when deferred recipients stay queued; empty without a queue
     */
    public FirstAttempt(DeliveryReport report, Optional<String> queuedAs) {
        this(report, queuedAs, List.of(), Optional.empty());
    }

    /**
     * Queues the message, sends it once, and records the outcome. When recording fails, the report is not lost:
     * the entry is removed instead (removing works where a rewrite did not, on a full disk), so no recipient
     * that has its outcome is tried again; before that, the recipients the entry still owes the message to (the
     * deferred ones) are handed to {@code keepElsewhere} with every other recipient not delivered, so that a crash
     * after the removal loses nothing, and the entry stays when that fails. An entry that cannot be removed stays
     * as it was accepted, every recipient waiting: {@link #unsettled} then says which recipients a queue run would
     * send the message to again and how to prevent it. Each step is told to {@code warnings}.
     *
     * @param queue the queue
     * @param route the route later runs deliver the deferred recipients through (the one {@code sender} sends)
     * @param sender sends the first attempt
     * @param envelope the sender and every recipient
     * @param content the message; the attempt sends these octets, the queue keeps a copy
     * @param options the DSN parameters and TLS requirement
     * @param notes told the queue id once the message is safe in the queue, before the attempt
     * @param keepElsewhere keeps the message outside the queue for the recipients given (for example in
     *        dead.letter) and says whether it did; it tells its own failure, never throws. {@code r -> false} when
     *        nothing can keep it (then a deferred recipient's entry is never removed)
     * @param warnings told, one line each, that the outcome could not be recorded and how the entry was settled
     * @return the outcome
     * @throws IOException when the message cannot be queued; nothing was sent
     */
    public static FirstAttempt send(MailQueue queue, QueueRoute route, Sender sender, Envelope envelope,
                                    MessageContent content, DeliveryOptions options, Consumer<String> notes,
                                    Predicate<List<Mailbox>> keepElsewhere, Consumer<String> warnings)
            throws IOException {
        QueueClaim claim = queue.accept(envelope, content, options, route);
        try {
            notes.accept("accepted into the queue as " + claim.id() + " in " + queue.directory());
            // the caller's content, not the queued copy: the same octets, and its traits are already computed
            DeliveryReport report = sender.send(envelope, content, options);
            QueueEntry after;
            try {
                after = claim.record(report);
            } catch (IOException e) {
                return settle(queue, claim, report, e, keepElsewhere, warnings);
            }
            return new FirstAttempt(report, after.isFinished() ? Optional.empty() : Optional.of(claim.id()));
        } finally {
            // the report must reach the caller: a lock that cannot be released is released at exit anyway
            claim.closeQuietly();
        }
    }

    /** The outcome could not be recorded: removes the entry when nothing is lost by it, else says what stays. */
    private static FirstAttempt settle(MailQueue queue, QueueClaim claim, DeliveryReport report, IOException why,
                                       Predicate<List<Mailbox>> keepElsewhere, Consumer<String> warnings) {
        String id = claim.id();
        warnings.accept("queue entry " + id + ": could not record the outcome of the attempt: "
                + QueueEntry.oneLine(String.valueOf(why.getMessage())));
        List<Mailbox> waiting = recipients(report, o -> o.status() == DeliveryStatus.DEFERRED);
        List<Mailbox> kept = List.of();
        // a directory that cannot be written cannot lose the entry either: keeping a second copy would only
        // invite a second delivery
        if (!waiting.isEmpty() && Files.isWritable(queue.directory())) {
            List<Mailbox> notDelivered = recipients(report, o -> !o.isDelivered());
            if (keepElsewhere.test(notDelivered)) {
                kept = notDelivered;
            }
        }
        if ((waiting.isEmpty() || !kept.isEmpty()) && claim.drop()) {
            warnings.accept("queue entry " + id + " removed instead, so that no recipient is sent the message twice");
            return new FirstAttempt(report, Optional.empty(), kept, Optional.empty());
        }
        List<String> again = report.outcomes().stream().filter(o -> o.status() != DeliveryStatus.DEFERRED)
                .map(o -> o.recipient().address() + (o.isDelivered() ? " (delivered)" : " (failed for good)")).toList();
        String line = claim.unsettled(again, waiting, !kept.isEmpty());
        warnings.accept(line);
        return new FirstAttempt(report, waiting.isEmpty() ? Optional.empty() : Optional.of(id), kept,
                Optional.of(line));
    }

    private static List<Mailbox> recipients(DeliveryReport report, Predicate<RecipientOutcome> which) {
        return report.outcomes().stream().filter(which).map(RecipientOutcome::recipient).toList();
    }

    /**
     * The recipients nobody will retry, whose copy of the message must be kept elsewhere (for example by a
     * {@link dev.sendmail.local.UndeliveredHandler}) so that no mail is silently lost: with the message queued, those
     * that failed for good (the deferred ones are safe in the queue); without a queue, every recipient not delivered;
     * in both cases less those already {@link #kept}.
     *
     * @return the recipients, in envelope order; empty when nothing needs keeping
     */
    public List<Mailbox> toKeep() {
        return report.outcomes().stream().filter(o -> queuedAs.isPresent() ? o.status() == DeliveryStatus.FAILED : !o.isDelivered())
                .map(RecipientOutcome::recipient).filter(r -> !kept.contains(r)).toList();
    }
}
