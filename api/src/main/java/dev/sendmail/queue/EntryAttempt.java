package dev.sendmail.queue;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.DeliveryStatus;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.RecipientOutcome;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt at a queue entry held under its lock: deliver its pending recipients (or expire them), record each
 * decided recipient and schedule the next attempt by the {@link RetryPolicy}, and hand what failed for good to
 * {@link FailedMessages}.
 */
final class EntryAttempt {

    private final Clock clock;
    private final RetryPolicy policy;
    private final FailedMessages failed;

    EntryAttempt(Clock clock, RetryPolicy policy, FailedMessages failed) {
        this.clock = clock;
        this.policy = policy;
        this.failed = failed;
    }

    /** Deliver (or expire), then keep what failed for good; the claim's entry is saved before this returns. */
    EntryReport run(QueueClaim claim, QueueDelivery delivery, boolean expired) throws IOException {
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
        boolean notKept = false;
        if (!failures.isEmpty()) {
            try {
                failed.keep(claim, delivery, failures, lines);
            } catch (IOException e) {
                // nothing may be lost: they stay queued, for a later run to tell the sender or keep the copy
                lines.add("could not keep the message for the recipients that failed (" + QueueEntry.oneLine(
                        String.valueOf(e.getMessage())) + "): they stay queued");
                updated = pendingAgain(updated, failures);
                notKept = true;
            }
        }
        try {
            claim.save(updated);
        } catch (IOException e) {
            if (!updated.isFinished() || !claim.drop()) {
                lines.add(unrecorded(claim, entry, updated, e));
                return new EntryReport(id, EntryReport.Result.UNRECORDED, lines);
            }
        }
        EntryReport.Result result = notKept ? EntryReport.Result.NOT_KEPT
                : !updated.isFinished() ? EntryReport.Result.QUEUED
                : updated.recipients().stream().allMatch(r -> r.state() == QueueEntry.State.DELIVERED)
                ? EntryReport.Result.DELIVERED : EntryReport.Result.FAILED;
        return new EntryReport(id, result, lines);
    }

    /** {@code updated} with the recipients of {@code failures} pending again, their detail kept. */
    private static QueueEntry pendingAgain(QueueEntry updated, List<Bounce.Failure> failures) {
        List<Mailbox> failed = failures.stream().map(Bounce.Failure::recipient).toList();
        return updated.withRecipients(updated.recipients().stream().map(r -> failed.contains(r.mailbox())
                ? new QueueEntry.Recipient(r.mailbox(), QueueEntry.State.PENDING, r.detail()) : r).toList());
    }

    /**
     * The entry stays as it was before the run: the line says why, who the next run sends the message to again
     * (those decided now) and how to prevent it.
     */
    private static String unrecorded(QueueClaim claim, QueueEntry before, QueueEntry updated, IOException why) {
        List<String> again = new ArrayList<>();
        for (int i = 0; i < updated.recipients().size(); i++) {
            QueueEntry.Recipient r = updated.recipients().get(i);
            if (before.recipients().get(i).state() == QueueEntry.State.PENDING && r.state() != QueueEntry.State.PENDING) {
                again.add(r.mailbox().address() + (r.state() == QueueEntry.State.DELIVERED ? " (delivered)"
                        : " (failed for good)"));
            }
        }
        return "could not record the outcome (" + QueueEntry.oneLine(String.valueOf(why.getMessage())) + "); "
                + claim.unsettled(again, updated.pending(), false);
    }

    private static Bounce.Failure failure(RecipientOutcome o) {
        Optional<String> diagnostic = o.reply().map(r -> QueueEntry.oneLine(r.toString()));
        String status = o.reply().flatMap(r -> r.status()).map(Object::toString)
                .orElse(o.reply().map(r -> r.code() / 100 + ".0.0").orElse("5.0.0"));
        return new Bounce.Failure(o.recipient(), status, diagnostic, o.detail());
    }

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

    /** Every pending recipient of an expired entry fails: a permanent failure like any other. */
    private QueueEntry expire(QueueEntry entry, List<Bounce.Failure> failures, List<String> lines) {
        List<QueueEntry.Recipient> recipients = new ArrayList<>();
        for (QueueEntry.Recipient r : entry.recipients()) {
            if (r.state() == QueueEntry.State.PENDING) {
                QueueEntry.Recipient gaveUp = new QueueEntry.Recipient(r.mailbox(), QueueEntry.State.FAILED,
                        "gave up after " + policy.maxAge().toHours() + " hours in the queue; last: " + r.detail());
                recipients.add(gaveUp);
                failures.add(new Bounce.Failure(r.mailbox(), "4.4.7", Optional.empty(), gaveUp.detail()));
                lines.add(r.mailbox().displayAddress() + ": failed: " + gaveUp.detail());
            } else {
                recipients.add(r);
            }
        }
        return entry.withRecipients(recipients);
    }

    private static QueueEntry.State state(DeliveryStatus s) {
        return switch (s) {
            case DELIVERED -> QueueEntry.State.DELIVERED;
            case FAILED -> QueueEntry.State.FAILED;
            case DEFERRED -> QueueEntry.State.PENDING;
        };
    }
}
