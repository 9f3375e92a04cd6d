package dev.sendmail.transport.jakarta;

import jakarta.mail.MessagingException;

/**
 * A 421 reply: the server is closing the connection. Angus would carry on (another RCPT, DATA) and fail on a
 * broken pipe; stopping here keeps the server's reply as the reason.
 */
final class ServiceClosingException extends MessagingException {
    private static final long serialVersionUID = 1L;

    ServiceClosingException(String reply) {
        super(reply);
    }
}
