package dev.sendmail.api;

import java.util.Optional;

/**
 * Authentication failed or could not be attempted: bad credentials (535), no common mechanism, or
 * credentials that would have gone over a connection without TLS. Transient only for a 4xx reply.
 */
public final class AuthenticationFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * An authentication failure.
     *
     * @param what one line
     * @param reply the server's reply, when there is one
     * @param host the host
     */
    public AuthenticationFailedException(String what, Optional<SmtpReply> reply, String host) {
        super(describe(Optional.of(Phase.AUTH), what, Optional.ofNullable(host)),
                reply.map(SmtpReply::isTransient).orElse(false), reply, Optional.of(Phase.AUTH),
                Optional.ofNullable(host), null);
    }
}
