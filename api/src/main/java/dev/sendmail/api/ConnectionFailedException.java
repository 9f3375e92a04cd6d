package dev.sendmail.api;

import java.util.Optional;

/** The connection could not be opened, broke, or timed out. Always transient. */
public final class ConnectionFailedException extends SendMailException {

    private static final long serialVersionUID = 1L;

    public ConnectionFailedException(String what, Phase phase, String host, Throwable cause) {
        super(describe(Optional.ofNullable(phase), what, Optional.ofNullable(host)), true, Optional.empty(),
                Optional.ofNullable(phase), Optional.ofNullable(host), cause);
    }
}
