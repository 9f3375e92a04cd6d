package dev.sendmail.config;

import dev.sendmail.api.HeaderBlock;
import dev.sendmail.api.Mailbox;
import dev.sendmail.local.LocalIdentity;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What sendmail mode does to the header of a message before sending it, from msmtp's keys
 * ({@code set_from_header}, {@code set_date_header}, {@code set_msgid_header}, {@code remove_bcc_headers},
 * {@code undisclosed_recipients}, and the older {@code add_missing_from_header} and
 * {@code add_missing_date_header}). The defaults are msmtp's: add a missing From, Date and Message-ID, remove
 * Bcc fields, keep To and Cc.
 *
 * @param from what happens to the From field
 * @param addDate add a Date field when there is none
 * @param addMessageId add a Message-ID field when there is none
 * @param removeBcc remove Bcc and Resent-Bcc fields
 * @param undisclosed replace To, Cc and Bcc with {@code To: undisclosed-recipients:;}
 */
public record MessagePolicy(FromField from, boolean addDate, boolean addMessageId, boolean removeBcc,
                            boolean undisclosed) {

    /** What {@code set_from_header} asks for. */
    public enum FromField {
        /** Add a From field with the envelope sender when the message has none. */
        AUTO,
        /** Replace every From field with one naming the envelope sender. */
        ON,
        /** Leave the From fields as they are; add none. */
        OFF
    }

    /** msmtp's defaults. */
    public static final MessagePolicy DEFAULT = new MessagePolicy(FromField.AUTO, true, true, true, false);

    /**
     * The policy of {@code account}'s keys; {@code set_*} keys win over the older {@code add_missing_*} ones.
     *
     * @param account the account
     * @return the policy, msmtp's default for each key the account does not set
     */
    public static MessagePolicy of(Account account) {
        FromField from = account.get(ConfigKey.SET_FROM_HEADER).map(v -> FromField.valueOf(v.toUpperCase(
                java.util.Locale.ROOT))).orElse(account.flag(ConfigKey.ADD_MISSING_FROM_HEADER).orElse(true)
                ? FromField.AUTO : FromField.OFF);
        boolean date = account.get(ConfigKey.SET_DATE_HEADER).map("auto"::equals)
                .orElse(account.flag(ConfigKey.ADD_MISSING_DATE_HEADER).orElse(true));
        boolean id = account.get(ConfigKey.SET_MSGID_HEADER).map("auto"::equals).orElse(true);
        return new MessagePolicy(from, date, id, account.flag(ConfigKey.REMOVE_BCC_HEADERS).orElse(true),
                account.flag(ConfigKey.UNDISCLOSED_RECIPIENTS).orElse(false));
    }

    /**
     * Applies the policy to the header of a message about to be sent (sendmail mode): the From field (added when
     * missing, or replaced, naming the envelope sender, or the local user for the null sender), a missing Date and
     * Message-ID (in the sender's domain, else this host's), To/Cc/Bcc replaced for undisclosed recipients, and Bcc
     * and Resent-Bcc removed.
     *
     * @param header the header, changed in place
     * @param sender the envelope sender; empty for the null sender
     * @param fullName the display name for a From field that is written (RFC 2047 encoded when not ASCII)
     * @param env where the local user and host name come from ({@link LocalIdentity})
     * @param clock the time for Date and Message-ID
     * @return one note per change that a user may not expect (a From replaced or added by {@code set_from_header
     *     on}, fields removed), for a verbose mode
     * @throws IllegalArgumentException when a From field must name the local user and {@code user@host} is not a
     *         valid address
     */
    public List<String> apply(HeaderBlock header, Optional<Mailbox> sender, Optional<String> fullName,
                              UserEnvironment env, Clock clock) {
        List<String> notes = new ArrayList<>();
        if (from == FromField.ON) {
            int removed = header.remove("from");
            Mailbox author = sender.isPresent() ? sender.get() : LocalIdentity.defaultSender(env);
            header.append("From", formatAddress(author, fullName));
            notes.add((removed > 0 ? "replaced the From field" : "added a From field") + " with " + author
                    + " (set_from_header on)");
        } else if (from == FromField.AUTO && !header.has("from")) {
            Mailbox author = sender.isPresent() ? sender.get() : LocalIdentity.defaultSender(env);
            header.append("From", formatAddress(author, fullName));
        }
        if (addDate && !header.has("date")) {
            header.append("Date", LocalIdentity.date(clock));
        }
        if (addMessageId && !header.has("message-id")) {
            String domain = sender.map(Mailbox::domain).orElse(LocalIdentity.mailName(env));
            header.append("Message-ID", LocalIdentity.messageId(domain, clock));
        }
        if (undisclosed) {
            int removed = header.remove("to") + header.remove("cc") + header.remove("bcc");
            header.append("To", "undisclosed-recipients:;");
            notes.add("replaced " + removed + " To, Cc and Bcc field(s) with To: undisclosed-recipients:; "
                    + "(undisclosed_recipients on)");
        }
        if (removeBcc) {
            int bcc = header.remove("bcc") + header.remove("resent-bcc");
            if (bcc > 0) {
                notes.add("removed " + bcc + " Bcc field(s) before sending");
            }
        }
        return notes;
    }

    /** {@code "Name" <addr>} with RFC 2047 for a non-ASCII name, or the bare address. */
    private static String formatAddress(Mailbox mailbox, Optional<String> fullName) {
        if (fullName.isEmpty() || fullName.get().isBlank()) {
            return mailbox.address();
        }
        try {
            return new InternetAddress(mailbox.address(), fullName.get().strip(), "UTF-8").toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }
}
