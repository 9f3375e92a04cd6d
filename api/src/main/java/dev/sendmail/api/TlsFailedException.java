package dev.sendmail.api;

import java.util.Optional;

/**
 * TLS could not be established as required: STARTTLS not offered or refused where it is required, a failed
 * handshake, an untrusted or mismatched certificate, a pin mismatch. Direct delivery moves on to the next host.
 */
public final class TlsFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    public TlsFailedException(String what, boolean transientFailure, Optional<SmtpReply> reply, Phase phase,
                              String host, Throwable cause) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), transientFailure, reply,
                Optional.ofNullable(phase), Optional.ofNullable(host), cause);
    }
}
