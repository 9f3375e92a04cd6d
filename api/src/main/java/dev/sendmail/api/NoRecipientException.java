package dev.sendmail.api;

/**
 * {@link Message#parse} found no recipient: the header fields name none (no To, Cc or Bcc, nor their Resent-
 * forms) and none were given besides. A subtype of {@link IllegalArgumentException}, as every other input
 * {@code parse} refuses, so that a caller can tell "nobody to send to" (sendmail's usage error) from a malformed
 * message without reading the wording.
 */
public final class NoRecipientException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * The refusal of a message that names no recipient.
     *
     * @param message one line saying so
     */
    public NoRecipientException(String message) {
        super(message);
    }
}
