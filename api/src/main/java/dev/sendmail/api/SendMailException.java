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

    protected SendMailException(String message, boolean transientFailure, Optional<SmtpReply> reply,
                                Optional<Phase> phase, Optional<String> host, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.reply = reply;
        this.phase = phase;
        this.host = host;
    }

    /** True when trying again later may succeed (4xx, network trouble, DNS timeout). */
    public boolean isTransient() {
        return transientFailure;
    }

    /** The server's reply, when a server gave one. */
    public Optional<SmtpReply> reply() {
        return reply;
    }

    /** The step at which it failed, when known. */
    public Optional<Phase> phase() {
        return phase;
    }

    /** The host involved, when there was one. */
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
