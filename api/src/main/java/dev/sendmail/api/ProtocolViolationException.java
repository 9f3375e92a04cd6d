package dev.sendmail.api;

import java.util.Optional;

/**
 * The server broke the protocol: a malformed or over-long reply, too many reply lines, text that is not a
 * reply, data sent before the TLS handshake. Transient: another attempt or host may work.
 */
public final class ProtocolViolationException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * A protocol violation by the server.
     *
     * @param what one line
     * @param phase where it happened, or null
     * @param host the host, or null
     */
    public ProtocolViolationException(String what, Phase phase, String host) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), true, Optional.empty(),
                Optional.ofNullable(phase), Optional.ofNullable(host), null);
    }
}
