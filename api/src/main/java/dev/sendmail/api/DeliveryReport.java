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
