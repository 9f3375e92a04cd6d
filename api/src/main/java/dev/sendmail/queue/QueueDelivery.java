package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import java.util.Objects;
import java.util.Optional;

/**
 * How a queue run sends a message: through the route the entry recorded, or, for an application that owns
 * a single route, {@link #through(Sender) through one Sender}.
 */
@FunctionalInterface
public interface QueueDelivery {

    /**
     * Sends one queued message (or a delivery status notification about it) to the given recipients.
     *
     * @param route the route recorded when the message was accepted; empty for entries that recorded none
     * @param envelope the sender and the recipients still pending
     * @param content the message
     * @param options the DSN parameters and TLS requirement it was accepted with
     * @return an outcome for every recipient
     * @throws RouteUnavailableException when the route cannot be rebuilt: the entry stays queued untouched
     */
    DeliveryReport deliver(Optional<QueueRoute> route, Envelope envelope, MessageContent content,
                           DeliveryOptions options) throws RouteUnavailableException;

    /**
     * A delivery through one sender, whatever route an entry recorded: for an application that queues
     * everything for the same route.
     *
     * @param sender the sender every queued message goes through
     * @return the delivery
     */
    static QueueDelivery through(Sender sender) {
        Objects.requireNonNull(sender, "sender");
        return (route, envelope, content, options) -> sender.send(envelope, content, options);
    }
}
