package dev.sendmail.spi;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import java.time.Instant;
import java.util.Objects;

/**
 * One mail transaction for a transport: these bytes to these recipients through this host.
 *
 * @param host the host to talk to; the transport tries its addresses in order
 * @param envelope reverse-path and recipients (all of them go in one transaction)
 * @param content the message
 * @param options per-message options
 * @param deadline the transport gives up (deferring what is left) when this instant passes
 */
public record SendRequest(MailHost host, Envelope envelope, MessageContent content, DeliveryOptions options,
                          Instant deadline) {

    public SendRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(deadline, "deadline");
    }
}
