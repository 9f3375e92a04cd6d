package dev.sendmail.dkim;

import java.io.IOException;

/**
 * A key that cannot be used (unreadable, readable by others, not a supported type or size) or a message that
 * cannot be signed (no From field, a header section over the bound). The message is one line.
 */
public final class DkimException extends IOException {

    private static final long serialVersionUID = 1L;

    public DkimException(String message) {
        super(message);
    }

    public DkimException(String message, Throwable cause) {
        super(message, cause);
    }
}
