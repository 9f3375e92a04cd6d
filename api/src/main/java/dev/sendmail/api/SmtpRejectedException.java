package dev.sendmail.api;

import java.util.Optional;

/** The server answered with a 4xx or 5xx reply. Transient exactly when the reply is 4xx. */
public final class SmtpRejectedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * A rejection; transient for a 4xx reply, permanent for a 5xx.
     *
     * @param reply the reply
     * @param phase the command it answered
     * @param host the host
     */
    public SmtpRejectedException(SmtpReply reply, Phase phase, String host) {
        super(describe(Optional.of(phase), reply.toString(), Optional.ofNullable(host)), reply.isTransient(),
                Optional.of(reply), Optional.of(phase), Optional.ofNullable(host), null);
    }

    /**
     * The reply, always present for this type.
     *
     * @return the reply
     */
    public SmtpReply smtpReply() {
        return reply().orElseThrow();
    }
}
