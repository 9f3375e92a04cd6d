package dev.sendmail.local;

/**
 * A raw message that cannot be taken as it is: a header section over its bound, a header field that cannot be
 * read. The message says what, in one line; nothing has been sent when it is thrown.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one line saying what is wrong */
    public MalformedMessageException(String message) {
        super(message);
    }
}
