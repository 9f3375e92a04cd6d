package dev.sendmail.api;

import java.util.Optional;

/** The connection could not be opened, broke, or timed out. Always transient. */
public final class ConnectionFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    /**
     * A connection failure (always transient).
     *
     * @param what one line
     * @param phase where it happened, or null
     * @param host the host, or null
     * @param cause the underlying exception, or null
     */
    public ConnectionFailedException(String what, Phase phase, String host, Throwable cause) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), true, Optional.empty(),
                Optional.ofNullable(phase), Optional.ofNullable(host), cause);
    }
}
