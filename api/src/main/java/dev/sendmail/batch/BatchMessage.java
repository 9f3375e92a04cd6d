package dev.sendmail.batch;

import dev.sendmail.api.Envelope;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a {@link MessageBatch}, read and addressed: ready to send.
 *
 * @param name where it came from ({@link BatchItem#name()}), for reports
 * @param message its envelope and content; the content is still read from the file when sent
 */
public record BatchMessage(String name, Message message) {

    /**
     * Checks the components.
     *
     * @param name where it came from
     * @param message its envelope and content
     */
    public BatchMessage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The same message from another envelope sender (where bounces go), to the same recipients: for sending a
     * whole batch from one sender, whatever each message's header or stored envelope says.
     *
     * @param sender the envelope sender; empty for the null sender ({@code <>})
     * @return the message with that sender
     */
    public BatchMessage withSender(Optional<Mailbox> sender) {
        return new BatchMessage(name, Message.of(new Envelope(sender, message.envelope().recipients()),
                message.content()));
    }
}
