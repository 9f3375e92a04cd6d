package dev.sendmail.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP envelope: the reverse-path (empty for the null sender {@code <>}) and the recipients.
 * It is kept apart from the message content; the headers of the message play no part in routing.
 */
public record Envelope(Optional<Mailbox> sender, List<Mailbox> recipients) {

    /**
     * Checks the components; collections are copied.
     *
     * @param sender the sender
     * @param recipients the recipients
     */
    public Envelope {
        sender = sender == null ? Optional.empty() : sender;
        if (recipients == null || recipients.isEmpty()) {
            throw new IllegalArgumentException("an envelope needs at least one recipient");
        }
        // duplicates would be delivered twice; keep the first of each
        recipients = List.copyOf(new LinkedHashSet<>(recipients));
    }

    /**
     * An envelope with a sender.
     *
     * @param sender the reverse-path
     * @param recipients at least one
     * @return the envelope
     */
    public static Envelope of(Mailbox sender, List<Mailbox> recipients) {
        return new Envelope(Optional.of(sender), recipients);
    }

    /**
     * An envelope from address text.
     *
     * @param sender an address, or empty or {@code <>} for the null sender
     * @param recipients at least one address
     * @return the envelope
     */
    public static Envelope of(String sender, String... recipients) {
        List<Mailbox> list = new ArrayList<>();
        for (String r : recipients) {
            list.add(Mailbox.parse(r));
        }
        return new Envelope(sender == null || sender.isEmpty() || sender.equals("<>")
                ? Optional.empty() : Optional.of(Mailbox.parse(sender)), list);
    }

    /**
     * The null reverse-path, used for bounces and notifications.
     *
     * @param recipients at least one
     * @return the envelope
     */
    public static Envelope nullSender(List<Mailbox> recipients) {
        return new Envelope(Optional.empty(), recipients);
    }

    /**
     * The same sender with other recipients.
     *
     * @param others at least one
     * @return the new envelope
     */
    public Envelope withRecipients(List<Mailbox> others) {
        return new Envelope(sender, others);
    }

    /**
     * {@code <a@b>} or {@code <>}.
     *
     * @return the reverse-path as in MAIL FROM
     */
    public String reversePath() {
        return "<" + sender.map(Mailbox::address).orElse("") + ">";
    }

    /**
     * True when the sender or any recipient has a non-ASCII local part.
     *
     * @return whether SMTPUTF8 is needed
     */
    public boolean needsSmtpUtf8() {
        return sender.map(Mailbox::needsSmtpUtf8).orElse(false)
                || recipients.stream().anyMatch(Mailbox::needsSmtpUtf8);
    }
}
