package dev.sendmail.batch;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.RecipientOutcome;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one message of a batch, for a report line.
 *
 * @param name where the message came from ({@link BatchItem#name()})
 * @param outcome what became of it
 * @param recipients how many recipients its envelope named; empty when it could not be read
 * @param queueId the queue entry holding what was not delivered, when it was queued
 * @param detail why it was not delivered, for a person to read (for a report, the first recipient not
 *        delivered and its reply); empty when it was delivered
 */
public record BatchResult(String name, Outcome outcome, Optional<Integer> recipients, Optional<String> queueId,
                          Optional<String> detail) {

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
     * queued when the queue holds the rest, deferred when nothing does.
     *
     * @param message the message
     * @param report the outcome of every recipient
     * @param queueId the queue entry holding the recipients not delivered, if any
     * @return the result, with the first recipient not delivered as the detail
     */
    public static BatchResult sent(BatchMessage message, DeliveryReport report, Optional<String> queueId) {
        Outcome outcome = report.allDelivered() ? Outcome.DELIVERED
                : !report.failed().isEmpty() ? Outcome.FAILED
                : queueId.isPresent() ? Outcome.QUEUED : Outcome.DEFERRED;
        Optional<String> detail = report.outcomes().stream().filter(o -> !o.isDelivered()).findFirst()
                .map(BatchResult::line);
        return new BatchResult(message.name(), outcome, recipients(message), queueId, detail);
    }

    /**
     * A message that could not be sent at all (its content could not be read, or the queue refused it).
     *
     * @param message the message
     * @param why the reason, one line
     * @return a failed result
     */
    public static BatchResult failed(BatchMessage message, String why) {
        return new BatchResult(message.name(), Outcome.FAILED, recipients(message), Optional.empty(),
                Optional.of(why));
    }

    /**
     * A message that could not be read or addressed.
     *
     * @param name where it came from
     * @param why the reason, one line
     * @return an unreadable result
     */
    public static BatchResult unreadable(String name, String why) {
        return new BatchResult(name, Outcome.UNREADABLE, Optional.empty(), Optional.empty(), Optional.of(why));
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
