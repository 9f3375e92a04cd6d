package dev.sendmail.batch;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.internal.Json;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.queue.FirstAttempt;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one message of a batch, for a report line.
 *
 * @param name where the message came from ({@link BatchItem#name()})
 * @param outcome what became of it
 * @param exitCode its sysexits code ({@link ExitCodes}): 0 when delivered or queued, else what went wrong
 * @param recipients how many recipients its envelope named; empty when it could not be read
 * @param queueId the queue entry holding what was not delivered, when it was queued
 * @param detail why it was not delivered, for a person to read (for a report, the first recipient not
 *        delivered and its reply); empty when it was delivered
 */
public record BatchResult(String name, Outcome outcome, int exitCode, Optional<Integer> recipients,
                          Optional<String> queueId, Optional<String> detail) {

    /** What became of a message. */
    public enum Outcome {
        /** Every recipient has it. */
        DELIVERED("delivered"),
        /** Recipients not delivered yet are in the queue, which retries them. */
        QUEUED("queued"),
        /** Some recipients failed for now and nothing keeps them: the message must be sent again. */
        DEFERRED("deferred"),
        /** Some recipients failed for good, or the message could not be sent at all. */
        FAILED("failed"),
        /** The message could not be read or addressed, and was skipped. */
        UNREADABLE("bad");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        /**
         * A stable lower-case word for machine-readable reports.
         *
         * @return {@code delivered}, {@code queued}, {@code deferred}, {@code failed} or {@code bad}
         */
        public String word() {
            return word;
        }
    }

    /**
     * Checks the components.
     *
     * @param name where the message came from
     * @param outcome what became of it
     * @param exitCode its sysexits code
     * @param recipients how many recipients it had
     * @param queueId its queue entry
     * @param detail why it was not delivered
     */
    public BatchResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * A message that was sent: delivered when every recipient was; else failed when a recipient failed for good,
     * queued when the queue holds the rest, deferred when nothing does. The exit code is that of the attempt with
     * nothing kept ({@link ExitCodes#forAttempt}): 0 when delivered or queued, else {@link ExitCodes#forReport},
     * and at least 73 when the queue entry could not be settled, whose line is then the detail.
     *
     * @param message the message
     * @param attempt the outcome of every recipient, and the queue entry holding those not delivered, if any
     * @return the result, with the first recipient not delivered as the detail unless the entry is unsettled
     */
    public static BatchResult sent(BatchMessage message, FirstAttempt attempt) {
        DeliveryReport report = attempt.report();
        Optional<String> queueId = attempt.queuedAs();
        Outcome outcome = report.allDelivered() ? Outcome.DELIVERED
                : !report.failed().isEmpty() ? Outcome.FAILED
                : queueId.isPresent() ? Outcome.QUEUED : Outcome.DEFERRED;
        Optional<String> detail = attempt.unsettled().or(() -> report.outcomes().stream()
                .filter(o -> !o.isDelivered()).findFirst().map(BatchResult::line));
        return new BatchResult(message.name(), outcome, ExitCodes.forAttempt(attempt, false), recipients(message),
                queueId, detail);
    }

    /**
     * A message that was sent, with no queue entry left unsettled: {@link #sent(BatchMessage, FirstAttempt)}.
     *
     * @param message the message
     * @param report the outcome of every recipient
     * @param queueId the queue entry holding the recipients not delivered, if any
     * @return the result, with the first recipient not delivered as the detail
     */
    public static BatchResult sent(BatchMessage message, DeliveryReport report, Optional<String> queueId) {
        return sent(message, new FirstAttempt(report, queueId));
    }

    /**
     * A message that could not be sent at all (its content could not be read or signed, or the queue refused it).
     *
     * @param message the message
     * @param why the reason, one line
     * @param exitCode the sysexits code of the reason, such as {@link ExitCodes#IO_ERROR}
     * @return a failed result
     */
    public static BatchResult failed(BatchMessage message, String why, int exitCode) {
        return new BatchResult(message.name(), Outcome.FAILED, exitCode, recipients(message), Optional.empty(),
                Optional.of(why));
    }

    /**
     * A message that could not be read or addressed: {@link ExitCodes#DATA_ERROR}.
     *
     * @param name where it came from
     * @param why the reason, one line
     * @return an unreadable result
     */
    public static BatchResult unreadable(String name, String why) {
        return new BatchResult(name, Outcome.UNREADABLE, ExitCodes.DATA_ERROR, Optional.empty(), Optional.empty(),
                Optional.of(why));
    }

    /**
     * One JSON object (RFC 8259) on one line, for a machine reading a batch's report line by line: {@code message},
     * {@code status} ({@link Outcome#word()}), {@code exit_code}, {@code recipients} and {@code queue_id} when
     * known, and {@code detail} ({@code null} when delivered), in that order.
     *
     * @return the object, without line breaks
     */
    public String json() {
        Json j = new Json().field("message", name).field("status", outcome.word()).field("exit_code", exitCode);
        recipients.ifPresent(n -> j.field("recipients", n));
        queueId.ifPresent(id -> j.field("queue_id", id));
        return j.field("detail", detail.orElse(null)).toString();
    }

    /**
     * One line for a person: {@code box.mbox#3: failed: bob@b.test: ...}, or {@code skipped} for a message
     * that could not be read.
     *
     * @return the name, what became of it and why
     */
    @Override
    public String toString() {
        return name + ": " + (outcome == Outcome.UNREADABLE ? "skipped" : outcome.word())
                + detail.map(d -> ": " + d).orElse("");
    }

    private static Optional<Integer> recipients(BatchMessage message) {
        return Optional.of(message.message().envelope().recipients().size());
    }

    private static String line(RecipientOutcome o) {
        return o.recipient().displayAddress() + ": " + o.detail();
    }
}
