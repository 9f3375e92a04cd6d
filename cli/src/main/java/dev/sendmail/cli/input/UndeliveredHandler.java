package dev.sendmail.cli.input;

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
     * @return one line for the user, such as "message saved in /home/u/dead.letter"
     * @throws IOException when it could not be kept
     */
    String keep(MessageContent content, Envelope envelope, List<Mailbox> undelivered) throws IOException;

    /**
     * Keeps a message that failed before it had an envelope, with the recipients as given and the reason.
     *
     * @return one line for the user
     * @throws IOException when it could not be kept
     */
    String keepUnsent(java.io.InputStream message, List<String> recipients, String reason) throws IOException;

    /** True when a kept message will be retried (then a deferred recipient counts as safely queued). */
    default boolean retries() {
        return false;
    }
}
