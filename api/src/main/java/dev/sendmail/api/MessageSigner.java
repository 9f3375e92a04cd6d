package dev.sendmail.api;

import java.io.IOException;

/**
 * Turns a message into a signed one, for example by prepending a {@code DKIM-Signature} field. The result is
 * sent instead of the original; it must stream from the original rather than copy it into memory.
 */
@FunctionalInterface
public interface MessageSigner {

    /**
     * Signs {@code content}.
     *
     * @return the signed message, readable as often as the original
     * @throws IOException when the content cannot be read or cannot be signed (the message says why, in one line)
     * @param content the message to sign
     */
    MessageContent sign(MessageContent content) throws IOException;
}
