package dev.sendmail.spi;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.SendMailException;
import java.time.Instant;

/**
 * Speaks SMTP (or anything else) to one host at a time. A transport is thread-safe and may keep connections
 * open between calls; {@link #close()} closes them. Routing, MX order and retries across hosts belong to
 * {@link dev.sendmail.api.Sender}, never to a transport.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs one mail transaction.
     *
     * @return one outcome per recipient of the request's envelope, in order: a rejected recipient does not
     *         stop the others
     * @throws SendMailException when the transaction as a whole failed before any recipient was decided
     *         (connection, greeting, TLS, AUTH, MAIL, or DATA for all accepted recipients); the caller gives every
     *         recipient that outcome
     */
    DeliveryReport send(SendRequest request) throws SendMailException;

    /**
     * Connects to {@code host}, reads the greeting and capabilities (after STARTTLS where the TLS mode allows)
     * and quits, without sending mail. For {@code --probe}.
     */
    default ProbeResult probe(MailHost host, Instant deadline) throws SendMailException {
        throw new LocalPolicyException("this transport cannot probe hosts", null, host.name());
    }

    /** Closes every open connection. */
    @Override
    void close();
}
