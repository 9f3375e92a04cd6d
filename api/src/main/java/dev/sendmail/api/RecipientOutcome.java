package dev.sendmail.api;

import java.util.Optional;

/**
 * What happened to one recipient.
 *
 * @param recipient the recipient
 * @param status delivered, deferred or failed
 * @param reply the server reply that decided it, when a server gave one
 * @param host the host that answered (or that could not be reached)
 * @param phase the step at which it was decided
 * @param detail one line for people, like {@code RCPT 550 5.1.1 User unknown (mx1.example.org)}
 * @param failure the classified failure, for anything but a delivered recipient
 * @param tlsRule the TLS rule of the host that decided it, when the host had one ({@link TlsRequirement#rule()},
 *        such as {@code TLS required, DANE-EE}); empty for hosts without a {@link TlsRequirement}
 */
public record RecipientOutcome(Mailbox recipient, DeliveryStatus status, Optional<SmtpReply> reply,
                               Optional<String> host, Optional<Phase> phase, String detail,
                               Optional<SendMailException> failure, Optional<String> tlsRule) {

    /**
     * Checks the components; collections are copied.
     *
     * @param recipient the recipient
     * @param status delivered, deferred or failed
     * @param reply the server reply that decided it, when a server gave one
     * @param host the host that answered (or that could not be reached)
     * @param phase the step at which it was decided
     * @param detail one line for people, like {@code RCPT 550 5.1.1 User unknown (mx1.example.org)}
     * @param failure the classified failure, for anything but a delivered recipient
     * @param tlsRule the TLS rule of the host that decided it; empty when the host had none
     */
    public RecipientOutcome {
        if (recipient == null || status == null || detail == null) {
            throw new NullPointerException("recipient, status and detail are required");
        }
        tlsRule = tlsRule == null ? Optional.empty() : tlsRule;
    }

    /**
     * An outcome without a TLS rule.
     *
     * @param recipient the recipient
     * @param status delivered, deferred or failed
     * @param reply the server reply that decided it, when a server gave one
     * @param host the host that answered (or that could not be reached)
     * @param phase the step at which it was decided
     * @param detail one line for people
     * @param failure the classified failure, for anything but a delivered recipient
     */
    public RecipientOutcome(Mailbox recipient, DeliveryStatus status, Optional<SmtpReply> reply,
                            Optional<String> host, Optional<Phase> phase, String detail,
                            Optional<SendMailException> failure) {
        this(recipient, status, reply, host, phase, detail, failure, Optional.empty());
    }

    /**
     * The same outcome with the TLS rule of the host that decided it.
     *
     * @param rule the rule, such as {@code TLS required, DANE-EE}
     * @return the new outcome
     */
    public RecipientOutcome withTlsRule(String rule) {
        return new RecipientOutcome(recipient, status, reply, host, phase, detail, failure, Optional.of(rule));
    }

    /**
     * A recipient the server accepted the message for.
     *
     * @param recipient the recipient
     * @param reply the final reply
     * @param host the host
     * @return the outcome
     */
    public static RecipientOutcome delivered(Mailbox recipient, SmtpReply reply, String host) {
        return new RecipientOutcome(recipient, DeliveryStatus.DELIVERED, Optional.of(reply), Optional.of(host),
                Optional.of(Phase.DATA), "DATA " + reply + " (" + host + ")", Optional.empty());
    }

    /**
     * The outcome a whole-transaction failure gives every recipient it touched.
     *
     * @param recipient the recipient
     * @param failure what went wrong
     * @return the outcome
     */
    public static RecipientOutcome of(Mailbox recipient, SendMailException failure) {
        DeliveryStatus status = failure.isTransient() ? DeliveryStatus.DEFERRED : DeliveryStatus.FAILED;
        return new RecipientOutcome(recipient, status, failure.reply(), failure.host(), failure.phase(),
                failure.getMessage(), Optional.of(failure));
    }

    /**
     * Whether the recipient was delivered.
     *
     * @return true for {@link DeliveryStatus#DELIVERED}
     */
    public boolean isDelivered() {
        return status == DeliveryStatus.DELIVERED;
    }

    @Override
    public String toString() {
        return recipient.displayAddress() + ": " + status.name().toLowerCase(java.util.Locale.ROOT) + ": " + detail;
    }
}
