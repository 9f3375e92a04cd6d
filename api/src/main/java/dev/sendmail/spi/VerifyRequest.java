package dev.sendmail.spi;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import java.time.Instant;
import java.util.Objects;

/**
 * Recipient verification on one host ({@code -bv}): MAIL FROM and one RCPT TO per recipient, then RSET; DATA is
 * never sent, so nothing is delivered.
 *
 * @param host the host to ask
 * @param envelope the reverse-path and the recipients to check
 * @param vrfy ask with VRFY first where the server offers it, falling back to RCPT when VRFY does not decide
 * @param deadline the transport gives up when this instant passes
 * @param offerCredentials whether the transport may offer its credentials to this host, as in
 *        {@link SendRequest#offerCredentials()}
 */
public record VerifyRequest(MailHost host, Envelope envelope, boolean vrfy, Instant deadline,
                            boolean offerCredentials) {

    /**
     * A request to a host the caller chose, which may be offered the transport's credentials.
     *
     * @param host the host to ask
     * @param envelope the sender and the recipients to check
     * @param vrfy whether to try VRFY first
     * @param deadline when to give up
     */
    public VerifyRequest(MailHost host, Envelope envelope, boolean vrfy, Instant deadline) {
        this(host, envelope, vrfy, deadline, true);
    }


    /**
     * Checks the components; lists and maps are copied.
     *
     * @param host the host to ask
     * @param envelope the reverse-path and the recipients to check
     * @param vrfy ask with VRFY first where the server offers it, falling back to RCPT when VRFY does not decide
     * @param deadline the transport gives up when this instant passes
     * @param offerCredentials whether the transport may offer its credentials to this host, as in {@link SendRequest#offerCredentials()}
     */
    public VerifyRequest {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(deadline, "deadline");
    }
}
