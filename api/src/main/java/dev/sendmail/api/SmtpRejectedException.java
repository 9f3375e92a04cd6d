package dev.sendmail.api;

import java.util.Optional;

/** The server answered with a 4xx or 5xx reply. Transient exactly when the reply is 4xx. */
public final class SmtpRejectedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    public SmtpRejectedException(SmtpReply reply, Phase phase, String host) {
        super(describe(Optional.of(phase), reply.toString(), Optional.ofNullable(host)), reply.isTransient(),
                Optional.of(reply), Optional.of(phase), Optional.ofNullable(host), null);
    }

    /** The reply, always present for this type. */
    public SmtpReply smtpReply() {
        return reply().orElseThrow();
    }
}
