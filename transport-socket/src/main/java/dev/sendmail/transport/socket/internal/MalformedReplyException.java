package dev.sendmail.transport.socket.internal;

import java.io.IOException;

/**
 * The server broke the protocol: something that is not a well-formed SMTP reply, one larger than the bounds allow,
 * a reply that does not fit the command it answers, or input no command asked for.
 */
final class MalformedReplyException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedReplyException(String message) {
        super(message);
    }
}
