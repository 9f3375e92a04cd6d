package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Message;
import dev.sendmail.api.MessageContent;
import dev.sendmail.cli.config.Addresses;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Aliases;
import dev.sendmail.local.DeadLetter;
import dev.sendmail.api.HeaderBlock;
import dev.sendmail.local.LocalIdentity;
import dev.sendmail.local.SpooledMessage;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a spooled raw message into what is sent (sendmail mode): with {@code -t} the recipients come from
 * To/Cc/Bcc (or the Resent- fields when there are any, or the X-Undelivered-To fields of a message kept in
 * dead.letter), then Bcc fields are removed; X-Undelivered-To fields are always removed; a missing From, Date or
 * Message-ID is added, as sendmail does. Checks the raw message: a line over 998 octets or a NUL octet is
 * bad data (65) and nothing is sent.
 */
public final class SendmailInput {

    private SendmailInput() {
    }

    /**
     * The envelope sender when none was given: the first address of the From field, else the local user.
     */
    public static Mailbox senderFromMessage(SpooledMessage msg, Environment env) throws CliException {
        for (String name : new String[] {"sender", "from"}) {
            for (String v : values(msg.header(), name)) {
                List<Mailbox> list;
                try {
                    list = Addresses.parseList(name + " header", v);
                } catch (CliException e) {
                    continue;
                }
                if (!list.isEmpty()) {
                    return list.get(0);
                }
            }
        }
        return defaultSender(env);
    }

    /** {@code user@host} for a sender that was given nowhere; 64 when that is not a valid address. */
    public static Mailbox defaultSender(Environment env) throws CliException {
        try {
            return LocalIdentity.defaultSender(env.user());
        } catch (IllegalArgumentException e) {
            throw CliException.usage("no sender given and " + ValueChecks.printable(LocalIdentity.userName(env.user())
                    + "@" + LocalIdentity.hostName(env.user()))
                    + " is not a valid address; use -f ADDR or 'from' in the configuration file");
        }
    }

    /** The unfolded values of the fields called {@code name}. */
    private static List<String> values(HeaderBlock header, String name) {
        return header.values(name);
    }

    /**
     * The field {@link DeadLetter} writes to name the recipients a kept message still has to reach. With
     * {@code -t} these, and only these, are the recipients when the field is present, so that a message resent
     * from dead.letter never goes twice to someone who already has it; the field is never sent on.
     */
    public static final String UNDELIVERED_TO = DeadLetter.UNDELIVERED_TO;

    /** The recipients of the {@value #UNDELIVERED_TO} fields of a message kept in dead.letter (empty: none). */
    public static List<Mailbox> undeliveredTo(HeaderBlock header) throws CliException {
        List<Mailbox> left = new ArrayList<>();
        for (String v : values(header, UNDELIVERED_TO)) {
            left.addAll(Addresses.parseList(UNDELIVERED_TO + " field", v));
        }
        return left;
    }

    /**
     * {@code -t}: the recipients named in the header fields (To, Cc, Bcc, or the Resent- fields when there are
     * any) after {@code alsoTo}, and the content with Bcc and Resent-Bcc removed; {@link Message#parse} does both.
     *
     * @param aliases expands local names (recipients without a domain)
     * @throws CliException 65 for an invalid address, 64 when no recipient is named anywhere
     */
    public static Message readRecipients(MessageContent content, Aliases aliases, List<Mailbox> alsoTo)
            throws CliException, IOException {
        try {
            return Message.parse(content, name -> aliases.expand(name).orElseThrow(() -> new IllegalArgumentException(
                    ValueChecks.printable(name) + " has no domain" + (aliases == Aliases.NONE
                    ? " (map local names to addresses with 'aliases FILE' in the configuration file)"
                    : " and no entry in the aliases file"))), alsoTo);
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the message names no recipient")) {
                throw CliException.usage("no recipients: the message has no To, Cc or Bcc field and none were given");
            }
            throw CliException.data(e.getMessage());
        }
    }

    /** Removes the {@value #UNDELIVERED_TO} fields (they may name Bcc recipients); returns how many. */
    public static int removeUndeliveredTo(HeaderBlock header) {
        return header.remove(UNDELIVERED_TO);
    }


    /**
     * Applies msmtp's header keys to the header of a message in sendmail mode: From (added when missing, replaced
     * by the envelope sender, or left alone), a missing Date and Message-ID, Bcc removal, and undisclosed
     * recipients.
     *
     * @param sender the envelope sender (empty for the null sender: a From field then names the local user)
     * @return one note per change, for {@code --verbose}
     */
    public static List<String> applyPolicy(HeaderBlock header, MessagePolicy policy, Optional<Mailbox> sender,
            Optional<String> fullName, Environment env) throws CliException {
        List<String> notes = new ArrayList<>();
        if (policy.from() == MessagePolicy.FromField.ON) {
            int removed = header.remove("from");
            Mailbox from = sender.isPresent() ? sender.get() : defaultSender(env);
            header.append("From", formatAddress(from, fullName));
            notes.add((removed > 0 ? "replaced the From field" : "added a From field") + " with " + from
                    + " (set_from_header on)");
        } else if (policy.from() == MessagePolicy.FromField.AUTO && !header.has("from")) {
            Mailbox from = sender.isPresent() ? sender.get() : defaultSender(env);
            header.append("From", formatAddress(from, fullName));
        }
        if (policy.addDate() && !header.has("date")) {
            header.append("Date", LocalIdentity.date(env.clock()));
        }
        if (policy.addMessageId() && !header.has("message-id")) {
            String domain = sender.map(Mailbox::domain).orElse(LocalIdentity.hostName(env.user()));
            header.append("Message-ID", LocalIdentity.messageId(domain, env.clock()));
        }
        if (policy.undisclosed()) {
            int removed = header.remove("to") + header.remove("cc") + header.remove("bcc");
            header.append("To", "undisclosed-recipients:;");
            notes.add("replaced " + removed + " To, Cc and Bcc field(s) with To: undisclosed-recipients:; "
                    + "(undisclosed_recipients on)");
        }
        if (policy.removeBcc()) {
            int bcc = header.remove("bcc") + header.remove("resent-bcc");
            if (bcc > 0) {
                notes.add("removed " + bcc + " Bcc field(s) before sending");
            }
        }
        return notes;
    }

    /** Checks the raw input before anything is sent. */
    public static void check(SpooledMessage msg) throws CliException {
        if (msg.problem().isPresent()) {
            throw CliException.data(msg.problem().get() + "; nothing was sent");
        }
    }

    /** {@code "Name" <addr>} with RFC 2047 for a non-ASCII name, or the bare address. */
    static String formatAddress(Mailbox mailbox, Optional<String> fullName) throws CliException {
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
