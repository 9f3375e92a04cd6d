package dev.sendmail.local;

import java.io.InputStream;
import java.util.Optional;

/**
 * A raw message that cannot be taken as it is: a header section over its bound, a header field that cannot be
 * read. The message says what, in one line; nothing has been sent when it is thrown. When the message was being
 * read from a stream ({@link MessageSpool}), {@link #input()} gives it back whole, so that it need not be lost.
 */
public final class MalformedMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The message as given; null when it was not read from a stream. Not serialized. */
    private final transient InputStream input;

    /** @param message one line saying what is wrong */
    public MalformedMessageException(String message) {
        this(message, null);
    }

    /**
     * @param message one line saying what is wrong
     * @param input the message as given, or null
     */
    MalformedMessageException(String message, InputStream input) {
        super(message);
        this.input = input;
    }

    /**
     * The message as it was given, when it was refused while being read from a stream: the octets read before the
     * failure, then the rest of that stream, which was not read. Nothing else holds the message any more, so a
     * caller that must not lose mail keeps it from here, as {@link SendmailDelivery#giveUpUnread} does. Reading it
     * reads the rest of the caller's stream; closing it closes that stream. It can be read once, by one thread.
     *
     * @return the message as given; empty when it was not read from a stream
     */
    public Optional<InputStream> input() {
        return Optional.ofNullable(input);
    }
}
