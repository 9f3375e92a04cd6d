package dev.sendmail.api;

import java.util.Optional;

/**
 * send-mail itself refused to go on: a line over 998 octets, a message over the server's SIZE, an address
 * that needs SMTPUTF8 when the server lacks it, DSN requested from a server without it, a message that requires
 * TLS over a connection without it. Nothing of the message was sent. Permanent.
 */
public final class LocalPolicyException extends SendMailException {

    private static final long serialVersionUID = 1L;

    private final boolean serverLacks;

    /**
     * A refusal decided locally.
     *
     * @param what one line
     * @param phase where it happened, or null
     * @param host the host, or null
     */
    public LocalPolicyException(String what, Phase phase, String host) {
        this(what, phase, host, false);
    }

    /**
     * A refusal decided locally, saying whether the cause is something the server lacks (an extension such as
     * DSN or SMTPUTF8, or a verified TLS session) rather than something wrong with the message.
     *
     * @param what one line
     * @param phase where it happened, or null
     * @param host the host, or null
     * @param serverLacks true when the server lacks what the message needs
     */
    public LocalPolicyException(String what, Phase phase, String host, boolean serverLacks) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), false, Optional.empty(),
                Optional.ofNullable(phase), Optional.ofNullable(host), null);
        this.serverLacks = serverLacks;
    }

    /**
     * True when the server lacks what the message needs (an extension, a verified TLS session); false when the
     * message itself cannot be sent as it is.
     *
     * @return whether the server lacks what the message needs
     */
    public boolean serverLacks() {
        return serverLacks;
    }
}
