package dev.sendmail.spi;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EtrnNode;
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

    /**
     * Asks {@code host} to start delivering the mail it holds for {@code node} (ETRN, RFC 1985), after the same
     * greeting, EHLO, TLS and AUTH as a mail transaction. The command is sent even when the server does not list
     * ETRN in its EHLO reply; the result says whether it did.
     *
     * @return the server's reply to ETRN, whatever its code
     * @throws SendMailException when the session failed before ETRN could be sent or answered
     */
    default EtrnResult etrn(MailHost host, EtrnNode node, Instant deadline) throws SendMailException {
        throw new LocalPolicyException("this transport cannot send ETRN", null, host.name());
    }

    /**
     * Checks whether {@code host} would accept each recipient, without sending mail: MAIL FROM, one RCPT TO per
     * recipient (VRFY first when asked and offered), then RSET; never DATA.
     *
     * @return one outcome per recipient, in order: {@link dev.sendmail.api.DeliveryStatus#DELIVERED} means the
     *         server accepted the recipient (deliverable), {@code FAILED} a permanent refusal (undeliverable),
     *         {@code DEFERRED} a temporary one (unknown)
     * @throws SendMailException when the session failed before any recipient was decided (connection, greeting,
     *         TLS, AUTH, MAIL)
     */
    default DeliveryReport verify(VerifyRequest request) throws SendMailException {
        throw new LocalPolicyException("this transport cannot verify recipients", null, request.host().name());
    }

    /** Closes every open connection. */
    @Override
    void close();
}
