package dev.sendmail.api;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The mailboxes of an address list as sendmail takes a recipient argument and an address header field holds
 * (RFC 5322 3.4): a bare address, {@code Name <addr>}, comma-separated lists, comments, and groups, whose members
 * count ({@code undisclosed-recipients:;} names nobody). Immutable.
 *
 * @param mailboxes the mailboxes in order, each local name replaced by its addresses
 * @param displayNames the display name each mailbox was given with ({@code Bob <bob@example.org>}); the first
 *        one when a mailbox is named twice, none for the addresses of a local name
 */
public record AddressList(List<Mailbox> mailboxes, Map<Mailbox, String> displayNames) {

    /**
     * Copies both.
     *
     * @param mailboxes the mailboxes in order
     * @param displayNames the display names of mailboxes that were given with one
     */
    public AddressList {
        mailboxes = List.copyOf(mailboxes);
        displayNames = Map.copyOf(displayNames);
    }

    /**
     * Parses an address list. A value without {@code <}, {@code ,}, {@code :} or {@code (} is one address and is
     * parsed without Jakarta Mail, which a one-message send does not otherwise load.
     *
     * @param what names the value in error messages ({@code --to}, {@code To field})
     * @param text the value; blank for no address
     * @param localNames the addresses of a local name (an address without a domain, such as cron's {@code root});
     *        throws IllegalArgumentException with the reason to refuse one
     * @return the mailboxes with their display names
     * @throws IllegalArgumentException one line starting with {@code what}: for a control character other than
     *         tab, a list that does not parse, an invalid address, or a local name {@code localNames} refuses
     */
    public static AddressList parse(String what, String text, Function<String, List<Mailbox>> localNames) {
        HeaderChecks.value(what, text.replace('\t', ' '));
        String t = text.strip();
        List<Mailbox> out = new ArrayList<>();
        Map<Mailbox, String> names = new HashMap<>();
        if (t.indexOf('<') < 0 && t.indexOf(',') < 0 && t.indexOf(':') < 0 && t.indexOf('(') < 0) {
            if (!t.isEmpty()) {
                out.addAll(one(what, t, localNames));
            }
            return new AddressList(out, names);
        }
        InternetAddress[] parsed;
        try {
            parsed = InternetAddress.parseHeader(t, false);
        } catch (AddressException e) {
            throw new IllegalArgumentException(what + ": invalid address list: " + Mailbox.printable(t));
        }
        for (InternetAddress a : parsed) {
            if (a.isGroup()) {
                try {
                    for (InternetAddress member : a.getGroup(false)) {
                        out.addAll(one(what, member.getAddress(), localNames));
                    }
                } catch (AddressException e) {
                    throw new IllegalArgumentException(what + ": invalid group: " + Mailbox.printable(t));
                }
            } else if (a.getAddress() != null && !a.getAddress().isEmpty()) {
                List<Mailbox> resolved = one(what, a.getAddress(), localNames);
                out.addAll(resolved);
                if (a.getPersonal() != null && !a.getPersonal().isBlank() && a.getAddress().indexOf('@') > 0) {
                    names.putIfAbsent(resolved.get(0), a.getPersonal().strip());
                }
            }
        }
        return new AddressList(out, names);
    }

    /**
     * Parses several address lists, as repeated options give them ({@code --to a --to "B <b@example.org>"}), into
     * one, in order; as {@link #and} joins them.
     *
     * @param what names the values in error messages
     * @param texts the values
     * @param localNames the addresses of a local name, as for {@link #parse(String, String, Function)}
     * @return the mailboxes of all of them with their display names
     * @throws IllegalArgumentException for the first value {@link #parse(String, String, Function)} refuses
     */
    public static AddressList parse(String what, List<String> texts, Function<String, List<Mailbox>> localNames) {
        AddressList all = new AddressList(List.of(), Map.of());
        for (String text : texts) {
            all = all.and(parse(what, text, localNames));
        }
        return all;
    }

    /**
     * This list followed by {@code other}. A mailbox keeps the display name it was first given with.
     *
     * @param other the mailboxes to add
     * @return the joined list
     */
    public AddressList and(AddressList other) {
        List<Mailbox> joined = new ArrayList<>(mailboxes);
        joined.addAll(other.mailboxes);
        Map<Mailbox, String> names = new HashMap<>(displayNames);
        other.displayNames.forEach(names::putIfAbsent);
        return new AddressList(joined, names);
    }

    private static List<Mailbox> one(String what, String address, Function<String, List<Mailbox>> localNames) {
        try {
            if (address.indexOf('@') < 0) {
                return List.copyOf(localNames.apply(address.strip()));
            }
            return List.of(Mailbox.parse(address));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }
}
