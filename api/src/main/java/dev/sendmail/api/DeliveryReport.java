package dev.sendmail.api;

import java.util.ArrayList;
import java.util.List;

/** One outcome per recipient, in the order of the envelope. */
public record DeliveryReport(List<RecipientOutcome> outcomes) {

    public DeliveryReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean allDelivered() {
        return outcomes.stream().allMatch(RecipientOutcome::isDelivered);
    }

    public List<RecipientOutcome> withStatus(DeliveryStatus status) {
        List<RecipientOutcome> list = new ArrayList<>();
        for (RecipientOutcome o : outcomes) {
            if (o.status() == status) {
                list.add(o);
            }
        }
        return list;
    }

    public List<RecipientOutcome> delivered() {
        return withStatus(DeliveryStatus.DELIVERED);
    }

    public List<RecipientOutcome> deferred() {
        return withStatus(DeliveryStatus.DEFERRED);
    }

    public List<RecipientOutcome> failed() {
        return withStatus(DeliveryStatus.FAILED);
    }
}
