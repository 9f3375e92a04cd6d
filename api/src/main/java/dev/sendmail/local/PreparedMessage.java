package dev.sendmail.local;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.Hint;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageContent;
import java.util.Optional;

/**
 * A message made ready by {@link SendmailSubmission#prepare}: the envelope it travels in, the octets to send, and
 * what sending them needs to know.
 *
 * @param envelope the reverse-path and every recipient
 * @param content the message as it will be sent (header fields changed by the policy, Bcc removed)
 * @param headerFrom the address of the single From field, when there is one: the domain DKIM signs for
 * @param requiresSmtpUtf8 an address field names a UTF-8 address, which only SMTPUTF8 (RFC 6531) may carry
 * @param problem why SMTP cannot carry the message as it is ({@link SpooledMessage#problem()}); when present the
 *        message must not be sent, and the caller keeps it (the envelope says for whom) instead
 */
public record PreparedMessage(Envelope envelope, MessageContent content, Optional<Mailbox> headerFrom,
                              boolean requiresSmtpUtf8, Optional<String> problem) {

    /**
     * The delivery options this message needs: {@code options} with SMTPUTF8 required when
     * {@link #requiresSmtpUtf8()}, else {@code options} unchanged.
     *
     * @param options the options asked for
     * @return the options to send with
     */
    public DeliveryOptions options(DeliveryOptions options) {
        return requiresSmtpUtf8 ? options.withSmtpUtf8(Hint.YES) : options;
    }
}
