package dev.sendmail.cli.input;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.config.Addresses;
import dev.sendmail.cli.config.Aliases;
import dev.sendmail.cli.config.Environment;
import dev.sendmail.cli.output.CliException;
import jakarta.mail.internet.InternetAddress;
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
            for (String v : msg.header().values(name)) {
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
        return LocalIdentity.defaultSender(env);
    }

    /** Recipients from the header fields for {@code -t}. */
    public static List<Mailbox> headerRecipients(HeaderBlock header) throws CliException {
        return headerRecipients(header, Aliases.NONE);
    }

    /**
     * The field {@link DeadLetter} writes to name the recipients a kept message still has to reach. With
     * {@code -t} these, and only these, are the recipients when the field is present, so that a message resent
     * from dead.letter never goes twice to someone who already has it; the field is never sent on.
     */
    public static final String UNDELIVERED_TO = "X-Undelivered-To";

    /**
     * Recipients from the header fields for {@code -t}, local names expanded with {@code aliases}: the
     * {@value #UNDELIVERED_TO} fields of a message kept in dead.letter when there are any, else Resent-To/Cc/Bcc
     * when there are any, else To/Cc/Bcc.
     */
    public static List<Mailbox> headerRecipients(HeaderBlock header, Aliases aliases) throws CliException {
        if (header.has(UNDELIVERED_TO)) {
            List<Mailbox> left = new ArrayList<>();
            for (String v : header.values(UNDELIVERED_TO)) {
                left.addAll(Addresses.parseList(UNDELIVERED_TO + " field", v));
            }
            return left;
        }
        boolean resent = header.has("resent-to") || header.has("resent-cc") || header.has("resent-bcc");
        String[] names = resent ? new String[] {"resent-to", "resent-cc", "resent-bcc"}
                : new String[] {"to", "cc", "bcc"};
        List<Mailbox> out = new ArrayList<>();
        for (String name : names) {
            for (String v : header.values(name)) {
                out.addAll(Addresses.parseList(name + " header", v, aliases));
            }
        }
        return out;
    }

    /** Removes the {@value #UNDELIVERED_TO} fields (they may name Bcc recipients); returns how many. */
    public static int removeUndeliveredTo(HeaderBlock header) {
        return header.remove(UNDELIVERED_TO);
    }

    /** Removes Bcc and Resent-Bcc; returns how many fields were removed. */
    public static int removeBcc(HeaderBlock header) {
        return header.remove("bcc") + header.remove("resent-bcc");
    }

    /** Adds From, Date and Message-ID when the message lacks them. */
    public static void addMissing(HeaderBlock header, Optional<Mailbox> sender, Optional<String> fullName,
            Environment env) throws CliException {
        if (!header.has("from")) {
            Mailbox from = sender.isPresent() ? sender.get() : LocalIdentity.defaultSender(env);
            header.append("From", formatAddress(from, fullName));
        }
        if (!header.has("date")) {
            header.append("Date", LocalIdentity.date(env.clock()));
        }
        if (!header.has("message-id")) {
            String domain = sender.map(Mailbox::domain).orElse(LocalIdentity.hostName(env));
            header.append("Message-ID", LocalIdentity.messageId(domain, env.clock()));
        }
    }

    /** The address of the one From field, when it has exactly one address that parses (for DKIM's domain). */
    public static Optional<Mailbox> fromAddress(HeaderBlock header) {
        try {
            List<String> values = header.values("From");
            if (values.size() == 1) {
                List<Mailbox> from = Addresses.parseList("From", values.get(0));
                return from.size() == 1 ? Optional.of(from.get(0)) : Optional.empty();
            }
        } catch (CliException e) {
            // no usable From: DKIM then needs --dkim-domain
        }
        return Optional.empty();
    }

    /** Checks the raw input before anything is sent. */
    public static void check(SpooledMessage msg) throws CliException {
        if (msg.longestLine() > 998) {
            throw CliException.data("line " + msg.longestLineNumber() + " of the message is "
                    + msg.longestLine() + " octets long; SMTP allows at most 998 (encode the message, e.g. "
                    + "quoted-printable); nothing was sent");
        }
        if (msg.nul()) {
            throw CliException.data("the message contains a NUL octet, which SMTP cannot carry; nothing was sent");
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
