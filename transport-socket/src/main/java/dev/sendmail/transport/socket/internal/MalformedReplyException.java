package dev.sendmail.transport.socket.internal;

import java.io.IOException;

/** The server sent something that is not a well-formed SMTP reply, or one larger than the bounds allow. */
final class MalformedReplyException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
