package dev.sendmail.cli.queue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MessageContent;

/** How the queue delivers a message: in the CLI, a {@link dev.sendmail.api.Sender} built from the options. */
@FunctionalInterface
public interface QueueDelivery {

    DeliveryReport deliver(Envelope envelope, MessageContent content, DeliveryOptions options);
}
