package dev.sendmail.cli;

import dev.sendmail.api.Mailbox;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns address text from arguments and header fields into envelope mailboxes. Accepts what sendmail accepts
 * as a recipient argument: a bare address, {@code Name <addr>}, and comma-separated lists with groups.
 */
final class Addresses {

    private Addresses() {
    }

    /**
     * Parses one argument or header value into mailboxes.
     *
     * @param what names the source in error messages
     * @throws CliException (65) for an invalid address
     */
    static List<Mailbox> parseList(String what, String text) throws CliException {
        int bad = ValueChecks.firstControlButTab(text);
        if (bad >= 0) {
            throw CliException.data(what + " contains a control character (U+"
                    + String.format("%04X", (int) text.charAt(bad)) + "); nothing was sent");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            return List.of();
        }
        List<Mailbox> out = new ArrayList<>();
        if (t.indexOf('<') < 0 && t.indexOf(',') < 0 && t.indexOf(':') < 0 && t.indexOf('(') < 0) {
            out.add(mailbox(what, t));
            return out;
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(t, false);
        } catch (AddressException e) {
            throw CliException.data(what + ": invalid address list: " + ValueChecks.printable(t));
        }
        for (InternetAddress a : parsed) {
            if (a.isGroup()) {
                try {
                    for (InternetAddress member : a.getGroup(false)) {
                        out.add(mailbox(what, member.getAddress()));
                    }
                } catch (AddressException e) {
                    throw CliException.data(what + ": invalid group: " + ValueChecks.printable(t));
                }
            } else if (a.getAddress() != null && !a.getAddress().isEmpty()) {
                out.add(mailbox(what, a.getAddress()));
            }
        }
        return out;
    }

    /** Parses one address with a one-line error (exit 65). */
    static Mailbox mailbox(String what, String text) throws CliException {
        try {
            return Mailbox.parse(text);
        } catch (IllegalArgumentException e) {
            throw CliException.data(what + ": " + e.getMessage());
        }
    }
}
