package dev.sendmail.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.Sender;
import java.util.Objects;

/** How a queue run sends a message: usually {@link #through(Sender) through a Sender}. */
@FunctionalInterface
public interface QueueDelivery {

    /**
     * Sends one queued message to its pending recipients.
     *
     * @param envelope the sender and the recipients still pending
     * @param content the queued message
     * @param options the DSN parameters and TLS requirement it was accepted with
     * @return an outcome for every recipient
     */
    DeliveryReport deliver(Envelope envelope, MessageContent content, DeliveryOptions options);

    /**
     * @param sender the sender every queued message goes through
     * @return a delivery through {@code sender}
     */
    static QueueDelivery through(Sender sender) {
        Objects.requireNonNull(sender, "sender");
        return sender::send;
    }
}
