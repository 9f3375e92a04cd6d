package dev.sendmail.api;

import java.util.Optional;

/**
 * TLS could not be established as required: STARTTLS not offered or refused where it is required, a failed
 * handshake, an untrusted or mismatched certificate, a pin mismatch. Direct delivery moves on to the next host.
 */
public final class TlsFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * A TLS failure.
     *
     * @param what one line
     * @param transientFailure whether trying later may help
     * @param reply the server's reply, when there is one
     * @param phase where it happened
     * @param host the host
     * @param cause the underlying exception, or null
     */
    public TlsFailedException(String what, boolean transientFailure, Optional<SmtpReply> reply, Phase phase,
                              String host, Throwable cause) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), transientFailure, reply,
                Optional.ofNullable(phase), Optional.ofNullable(host), cause);
    }
}
