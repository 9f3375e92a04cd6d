package dev.sendmail.local;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.io.IOException;
import java.util.List;

/**
 * Keeps a message that was not delivered to every recipient, so nothing is lost: {@link DeadLetter} appends it
 * to ~/dead.letter; a queue can take its place and retry later.
 */
public interface UndeliveredHandler {

    /**
     * Keeps the message for the undelivered recipients.
     *
     * @param content the message
     * @param envelope its envelope
     * @param undelivered the recipients that did not get it
     * @return one line for the user, such as "message saved in /home/u/dead.letter"
     * @throws IOException when it could not be kept
     */
    String keep(MessageContent content, Envelope envelope, List<Mailbox> undelivered) throws IOException;

    /**
     * Keeps a message that failed before it had an envelope, with the recipients as given and the reason.
     *
     * @param message the raw message, read to its end
     * @param recipients the recipients as given, unchecked
     * @param reason why it was not sent, one line
     * @return one line for the user
     * @throws IOException when it could not be kept
     */
    String keepUnsent(java.io.InputStream message, List<String> recipients, String reason) throws IOException;

    /** @return true when a kept message will be retried (then a deferred recipient counts as safely queued) */
    default boolean retries() {
        return false;
    }
}
