package dev.sendmail.local;

import java.io.IOException;
import java.io.InputStream;

/**
 * {@link MessageSpool} could not spool a message because its spool file could not be created (a temporary
 * directory that is not there, not writable, out of inodes). Nothing of the input was read, so {@link #input()}
 * still holds the whole message, for the caller to keep ({@link SendmailDelivery#giveUpUnread(String, InputStream,
 * java.util.List, UndeliveredHandler)}). A failure once the input is being read (a read error, a full disk) is a
 * plain {@link IOException}: the octets read by then are gone.
 */
public final class SpoolException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The caller's input, not read; not serialized. */
    private final transient InputStream input;

    SpoolException(IOException cause, InputStream input) {
        super(cause.getMessage(), cause);
        this.input = input;
    }

    /**
     * The message as given: the caller's input, of which nothing was read. Reading it reads the caller's stream;
     * closing it closes that stream.
     *
     * @return the input; null only after this exception was deserialized
     */
    public InputStream input() {
        return input;
    }
}
