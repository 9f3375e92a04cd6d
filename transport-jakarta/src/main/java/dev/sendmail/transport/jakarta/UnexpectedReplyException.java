package dev.sendmail.transport.jakarta;

import jakarta.mail.MessagingException;

/**
 * A positive reply the command it answers cannot get (RFC 5321 4.3.2): the dialogue is out of step, and the
 * next reply would be taken as the answer to the wrong command (a 250 read as the answer to DATA).
 */
final class UnexpectedReplyException extends MessagingException {
    private static final long serialVersionUID = 1L;

    UnexpectedReplyException(String message) {
        super(message);
    }
}
