package dev.sendmail.dkim;

import java.io.IOException;

/**
 * A key that cannot be used (unreadable, readable by others, not a supported type or size) or a message that
 * cannot be signed (no From field, a header section over the bound). The message is one line.
 */
public final class DkimException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with a one-line message.
     *
     * @param message the message
     */
    public DkimException(String message) {
        super(message);
    }

    /**
     * A failure with a one-line message and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public DkimException(String message, Throwable cause) {
        super(message, cause);
    }
}
