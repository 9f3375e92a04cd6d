package dev.sendmail.cli.config;

import dev.sendmail.api.Mailbox;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.config.Aliases;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns address text from arguments and header fields into envelope mailboxes. Accepts what sendmail accepts
 * as a recipient argument: a bare address, {@code Name <addr>}, and comma-separated lists with groups.
 */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Parses one argument or header value into mailboxes.
     *
     * @param what names the source in error messages
     * @throws CliException (65) for an invalid address
     */
    public static List<Mailbox> parseList(String what, String text) throws CliException {
        return parseList(what, text, Aliases.NONE);
    }

    /**
     * Like {@link #parseList(String, String)}; a local name without a domain (cron's {@code root}) is replaced
     * by its addresses from {@code aliases}.
     */
    public static List<Mailbox> parseList(String what, String text, Aliases aliases) throws CliException {
        return parseList(what, text, aliases, new HashMap<>());
    }

    /**
     * Like {@link #parseList(String, String, Aliases)}, and the display name of each address given with one
     * ({@code Bob <bob@b.test>}) is put into {@code names}.
     */
    public static List<Mailbox> parseList(String what, String text, Aliases aliases, Map<Mailbox, String> names)
            throws CliException {
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
            out.addAll(resolve(what, t, aliases));
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
                        out.addAll(resolve(what, member.getAddress(), aliases));
                    }
                } catch (AddressException e) {
                    throw CliException.data(what + ": invalid group: " + ValueChecks.printable(t));
                }
            } else if (a.getAddress() != null && !a.getAddress().isEmpty()) {
                List<Mailbox> resolved = resolve(what, a.getAddress(), aliases);
                out.addAll(resolved);
                if (a.getPersonal() != null && !a.getPersonal().isBlank() && resolved.size() == 1
                        && a.getAddress().indexOf('@') > 0) {
                    names.putIfAbsent(resolved.get(0), a.getPersonal().strip());
                }
            }
        }
        return out;
    }

    private static List<Mailbox> resolve(String what, String address, Aliases aliases) throws CliException {
        if (address.indexOf('@') < 0) {
            Optional<List<Mailbox>> expanded = aliases.expand(address.strip());
            if (expanded.isPresent()) {
                return expanded.get();
            }
            throw CliException.data(what + ": " + ValueChecks.printable(address.strip()) + " has no domain"
                    + (aliases == Aliases.NONE ? " (map local names to addresses with 'aliases FILE' in the "
                    + "configuration file)" : " and no entry in the aliases file"));
        }
        return List.of(mailbox(what, address));
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
