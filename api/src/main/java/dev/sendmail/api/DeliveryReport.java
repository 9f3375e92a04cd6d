package dev.sendmail.api;

import java.util.ArrayList;
import java.util.List;

/** One outcome per recipient, in the order of the envelope. */
public record DeliveryReport(List<RecipientOutcome> outcomes) {

    /**
     * Checks the components; collections are copied.
     *
     * @param outcomes the outcomes
     */
    public DeliveryReport {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * Whether every recipient was delivered.
     *
     * @return true when no recipient failed or was deferred
     */
    public boolean allDelivered() {
        return outcomes.stream().allMatch(RecipientOutcome::isDelivered);
    }

    /**
     * The report for people: one line per recipient, in order, as {@link RecipientOutcome#toString}
     * ({@code bob@example.org: failed: RCPT 550 5.1.1 User unknown (mx1.example.org)}), with any control character
     * (a server's reply may carry one) replaced by a space ({@link ControlCharacters#oneLine}).
     *
     * @return the lines, without line ends
     */
    public List<String> lines() {
        return outcomes.stream().map(o -> ControlCharacters.oneLine(o.toString())).toList();
    }

    /**
     * The outcomes with one status, in order.
     *
     * @param status the status
     * @return the outcomes
     */
    public List<RecipientOutcome> withStatus(DeliveryStatus status) {
        List<RecipientOutcome> list = new ArrayList<>();
        for (RecipientOutcome o : outcomes) {
            if (o.status() == status) {
                list.add(o);
            }
        }
        return list;
    }

    /**
     * The delivered recipients' outcomes.
     *
     * @return the outcomes
     */
    public List<RecipientOutcome> delivered() {
        return withStatus(DeliveryStatus.DELIVERED);
    }

    /**
     * The outcomes of recipients to try again later.
     *
     * @return the outcomes
     */
    public List<RecipientOutcome> deferred() {
        return withStatus(DeliveryStatus.DEFERRED);
    }

    /**
     * The outcomes of recipients that failed for good.
     *
     * @return the outcomes
     */
    public List<RecipientOutcome> failed() {
        return withStatus(DeliveryStatus.FAILED);
    }
}
