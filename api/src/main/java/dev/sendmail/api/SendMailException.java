package dev.sendmail.api;

import java.util.Optional;

/**
 * The one failure type of send-mail. Every provider classifies its failures into one of the subclasses
 * at its boundary, so callers never see a raw {@code IOException}, {@code MessagingException} or DNS
 * library exception. The message is one line, such as {@code RCPT 550 5.1.1 User unknown (mx1.example.org)}.
 */
public abstract sealed class SendMailException extends Exception
        permits SmtpRejectedException, ConnectionFailedException, TlsFailedException,
                AuthenticationFailedException, ResolutionFailedException, LocalPolicyException,
                ProtocolViolationException {

    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final transient Optional<SmtpReply> reply;
    private final transient Optional<Phase> phase;
    private final transient Optional<String> host;

    /**
     * For subclasses.
     *
     * @param message one line
     * @param transientFailure whether trying later may help
     * @param reply the server's reply, when there is one
     * @param phase where it happened, when known
     * @param host the host, when known
     * @param cause the underlying exception, or null
     */
    protected SendMailException(String message, boolean transientFailure, Optional<SmtpReply> reply,
                                Optional<Phase> phase, Optional<String> host, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.reply = reply;
        this.phase = phase;
        this.host = host;
    }

    /**
     * True when trying again later may succeed (4xx, network trouble, DNS timeout).
     *
     * @return true when trying later may succeed
     */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * The server's reply, when a server gave one.
     *
     * @return the server's reply, when there is one
     */
    public Optional<SmtpReply> reply() {
        return reply;
    }

    /**
     * The step at which it failed, when known.
     *
     * @return the phase, when known
     */
    public Optional<Phase> phase() {
        return phase;
    }

    /**
     * The host involved, when there was one.
     *
     * @return the host, when known
     */
    public Optional<String> host() {
        return host;
    }

    static String describe(Optional<Phase> phase, String what, Optional<String> host) {
        StringBuilder sb = new StringBuilder();
        phase.ifPresent(p -> sb.append(p).append(' '));
        sb.append(what);
        host.ifPresent(h -> sb.append(" (").append(h).append(')'));
        return sb.toString();
    }
}
