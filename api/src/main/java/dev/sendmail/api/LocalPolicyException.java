package dev.sendmail.api;

import java.util.Optional;

/**
 * send-mail itself refused to go on: a line over 998 octets, a message over the server's SIZE, an address
 * that needs SMTPUTF8 when the server lacks it, DSN requested from a server without it, a message that requires
 * TLS over a connection without it. Nothing of the message was sent. Permanent.
 */
public final class LocalPolicyException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * A refusal decided locally.
     *
     * @param what one line
     * @param phase where it happened, or null
     * @param host the host, or null
     */
    public LocalPolicyException(String what, Phase phase, String host) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), false, Optional.empty(),
                Optional.ofNullable(phase), Optional.ofNullable(host), null);
    }
}
