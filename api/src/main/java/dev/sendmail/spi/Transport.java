package dev.sendmail.spi;

import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.EtrnNode;
import dev.sendmail.api.LocalPolicyException;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.SendMailException;
import java.time.Instant;

/**
 * Speaks SMTP (or anything else) to one host at a time. Routing, MX order and retries across hosts belong to
 * {@link dev.sendmail.api.Sender}, never to a transport.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe: a Sender calls {@link #send} from several
 * threads at once (one per domain, and one per message with {@code sendAsync}/{@code sendAll}).
 *
 * <p><b>Ownership:</b> a transport may keep connections open between calls; whoever created it closes it with
 * {@link #close()}, after the last call: the application for a transport it created from its provider, the
 * {@link dev.sendmail.api.Sender} for one its builder created. A Sender never closes a transport it was given.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs one mail transaction.
     *
     * @param request the host, envelope, content, options and deadline
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
     *
     * @param host the host to connect to
     * @param deadline when to give up
     * @return what the server offered and how the session was secured
     * @throws SendMailException when the host cannot be reached or the session fails; this default: always, as a
     *         {@link LocalPolicyException}
     */
    default ProbeResult probe(MailHost host, Instant deadline) throws SendMailException {
        throw new LocalPolicyException("this transport cannot probe hosts", null, host.name());
    }

    /**
     * Asks {@code host} to start delivering the mail it holds for {@code node} (ETRN, RFC 1985), after the same
     * greeting, EHLO, TLS and AUTH as a mail transaction. The command is sent even when the server does not list
     * ETRN in its EHLO reply; the result says whether it did.
     *
     * @param host the host to ask
     * @param node the domain or queue name to start delivering for
     * @param deadline when to give up
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
     * @param request the host, the envelope whose recipients are checked, and whether to try VRFY
     * @return one outcome per recipient, in order: {@link dev.sendmail.api.DeliveryStatus#DELIVERED} means the
     *         server accepted the recipient (deliverable), {@code FAILED} a permanent refusal (undeliverable),
     *         {@code DEFERRED} a temporary one (unknown)
     * @throws SendMailException when the session failed before any recipient was decided (connection, greeting,
     *         TLS, AUTH, MAIL)
     */
    default DeliveryReport verify(VerifyRequest request) throws SendMailException {
        throw new LocalPolicyException("this transport cannot verify recipients", null, request.host().name());
    }

    /** Closes every open connection; the transport is not used afterwards. */
    @Override
    void close();
}
