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
 * @param offerCredentials whether the transport may offer its credentials to this host: true for a host the
 *        caller chose (the smart host, a route configured with credentials), false for a host found in DNS;
 *        even when true, {@link CredentialPolicy} decides whether the session is safe enough
 */
public record SendRequest(MailHost host, Envelope envelope, MessageContent content, DeliveryOptions options,
                          Instant deadline, boolean offerCredentials) {

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param host the host to talk to; the transport tries its addresses in order
     * @param envelope reverse-path and recipients (all of them go in one transaction)
     * @param content the message
     * @param options per-message options
     * @param deadline the transport gives up (deferring what is left) when this instant passes
     * @param offerCredentials whether the transport may offer its credentials to this host: true for a host the caller chose (the smart host, a route configured with credentials), false for a host found in DNS; even when true, {@link CredentialPolicy} decides whether the session is safe enough
     */
    public SendRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * A request to a host the caller chose, which may be offered the transport's credentials.
     *
     * @param host the host to talk to
     * @param envelope reverse-path and recipients
     * @param content the message
     * @param options per-message options
     * @param deadline when to give up
     */
    public SendRequest(MailHost host, Envelope envelope, MessageContent content, DeliveryOptions options,
                       Instant deadline) {
        this(host, envelope, content, options, deadline, true);
    }
}
