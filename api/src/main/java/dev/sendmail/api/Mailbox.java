package dev.sendmail.api;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * An RFC 5321 mailbox ({@code local-part@domain}) as it travels in MAIL FROM and RCPT TO.
 *
 * <p>The domain is held in its ASCII form: internationalized names are converted to A-labels, so only
 * a non-ASCII local part needs SMTPUTF8. Address literals ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]})
 * are kept with their brackets. Parsing rejects every control character, and every character whose low
 * byte is CR or LF, so nothing read from a user can end an SMTP command early.
 *
 * @param localPart the local part as sent on the wire (quoted when it needs quoting)
 * @param domain the domain in ASCII, lower case, or an address literal with brackets
 * @param unicodeDomain the domain as given by the user, for display
 */
public record Mailbox(String localPart, String domain, String unicodeDomain) {

    private static final int MAX_LOCAL_OCTETS = 64;
    private static final int MAX_DOMAIN_OCTETS = 255;
    private static final int MAX_PATH_OCTETS = 256;
    private static final int MAX_INPUT = 1024;

    /**
     * Checks the components; collections are copied.
     *
     * @param localPart the local part as sent on the wire (quoted when it needs quoting)
     * @param domain the domain in ASCII, lower case, or an address literal with brackets
     * @param unicodeDomain the domain as given by the user, for display
     */
    public Mailbox {
        if (localPart == null || domain == null || unicodeDomain == null) {
            throw new NullPointerException("mailbox parts must not be null");
        }
    }

    /**
     * Parses {@code user@example.org} or {@code <user@example.org>}.
     *
     * @throws IllegalArgumentException with a one-line reason when the address is not a valid mailbox
     * @param text the address
     * @return the mailbox
     */
    public static Mailbox parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address is missing");
        }
        if (text.length() > MAX_INPUT) {
            throw new IllegalArgumentException("address is too long");
        }
        checkCharacters(text);
        String s = text.strip();
        if (s.startsWith("<") && s.endsWith(">") && s.length() >= 2) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("address is empty");
        }
        int at = splitPoint(s);
        if (at < 0) {
            throw new IllegalArgumentException("address has no domain: " + printable(s));
        }
        String local = s.substring(0, at);
        String domainText = s.substring(at + 1);
        checkLocalPart(local, s);
        String ascii;
        String unicode;
        if (domainText.startsWith("[")) {
            ascii = parseAddressLiteral(domainText, s);
            unicode = ascii;
        } else {
            ascii = toAsciiDomain(domainText, s);
            // java.net.IDN loads Unicode tables (tens of milliseconds at start-up): only for names that need it
            unicode = ascii.contains("xn--") ? IDN.toUnicode(ascii, IDN.ALLOW_UNASSIGNED) : ascii;
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_OCTETS) {
            throw new IllegalArgumentException("local part is longer than 64 octets: " + printable(s));
        }
        if (ascii.length() > MAX_DOMAIN_OCTETS) {
            throw new IllegalArgumentException("domain is longer than 255 octets: " + printable(s));
        }
        if (local.getBytes(StandardCharsets.UTF_8).length + 1 + ascii.length() + 2 > MAX_PATH_OCTETS) {
            throw new IllegalArgumentException("address is longer than 256 octets: " + printable(s));
        }
        return new Mailbox(local, ascii, unicode);
    }

    /**
     * The postmaster of a host, the address every mail host must accept (RFC 5321 section 4.5.1):
     * {@code postmaster@HOST} for a host name, {@code postmaster@[192.0.2.1]} for an IPv4 address and
     * {@code postmaster@[IPv6:2001:db8::1]} for an IPv6 one. Stands for the recipient when a host is asked about
     * itself rather than about a mailbox, as msmtp's {@code --serverinfo} does.
     *
     * @param host a host name or an IP address, without brackets (as {@link MailHost#name()} gives it)
     * @return the mailbox
     * @throws IllegalArgumentException when {@code host} is neither a host name nor an IP address
     */
    public static Mailbox postmaster(String host) {
        if (host.contains(":")) {
            return parse("postmaster@[IPv6:" + host + "]");
        }
        try {
            return parse("postmaster@[" + host + "]");
        } catch (IllegalArgumentException notAnIpv4Address) {
            return parse("postmaster@" + host);
        }
    }

    /**
     * True when the domain is an address literal such as {@code [192.0.2.1]}.
     *
     * @return whether the domain is an address literal
     */
    public boolean isAddressLiteral() {
        return domain.startsWith("[");
    }

    /**
     * The address of an address-literal domain; empty for a domain name. No DNS is used.
     *
     * @return the literal's address
     */
    public Optional<InetAddress> literalAddress() {
        if (!isAddressLiteral()) {
            return Optional.empty();
        }
        String inner = domain.substring(1, domain.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            inner = inner.substring(5);
        }
        try {
            return Optional.of(InetAddress.getByName(inner));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated literal did not parse: " + domain, e);
        }
    }

    /**
     * True when the local part has non-ASCII characters, so the server must offer SMTPUTF8.
     *
     * @return whether the local part is not ASCII
     */
    public boolean needsSmtpUtf8() {
        for (int i = 0; i < localPart.length(); i++) {
            if (localPart.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /**
     * The form used in SMTP commands: {@code local@ascii-domain}.
     *
     * @return the address for SMTP
     */
    public String address() {
        return localPart + "@" + domain;
    }

    /**
     * The form for people: {@code local@unicode-domain}.
     *
     * @return the address for display
     */
    public String displayAddress() {
        return localPart + "@" + unicodeDomain;
    }

    @Override
    public String toString() {
        return address();
    }

    // equals and hashCode are written out, with the meaning the record's would have: the generated ones are
    // bootstrapped through invokedynamic on first use, which spins method-handle classes that no class archive
    // keeps (several milliseconds of every one-message send)
    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Mailbox m && localPart.equals(m.localPart) && domain.equals(m.domain)
                && unicodeDomain.equals(m.unicodeDomain);
    }

    @Override
    public int hashCode() {
        return (localPart.hashCode() * 31 + domain.hashCode()) * 31 + unicodeDomain.hashCode();
    }

    // ---------------------------------------------------------------------------------------------

    /** Finds the '@' that separates local part and domain, skipping any '@' inside a quoted local part. */
    private static int splitPoint(String s) {
        if (s.startsWith("\"")) {
            int i = 1;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    return i + 1 < s.length() && s.charAt(i + 1) == '@' ? i + 1 : -1;
                }
                i++;
            }
            return -1;
        }
        return s.lastIndexOf('@');
    }

    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int low = c & 0xFF;
            if (ControlCharacters.isControl(c)) {
                throw new IllegalArgumentException(
                        "address contains a control character (U+" + hex(c) + "): " + printable(text));
            }
            if (c > 0xFF && (low == '\r' || low == '\n' || low == 0)) {
                throw new IllegalArgumentException("address contains U+" + hex(c)
                        + ", which some mail software truncates to a control character: " + printable(text));
            }
            if (Character.isSurrogate(c) && !validSurrogate(text, i)) {
                throw new IllegalArgumentException("address contains an unpaired surrogate: " + printable(text));
            }
        }
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static void checkLocalPart(String local, String whole) {
        if (local.isEmpty()) {
            throw new IllegalArgumentException("address has an empty local part: " + printable(whole));
        }
        if (local.startsWith("\"")) {
            if (local.length() < 2 || !local.endsWith("\"")) {
                throw new IllegalArgumentException("unterminated quoted local part: " + printable(whole));
            }
            for (int i = 1; i < local.length() - 1; i++) {
                char c = local.charAt(i);
                if (c == '\\') {
                    if (i + 1 >= local.length() - 1) {
                        throw new IllegalArgumentException("dangling backslash in local part: " + printable(whole));
                    }
                    char next = local.charAt(i + 1);
                    if (next < 0x20 || next > 0x7E) {
                        throw new IllegalArgumentException("invalid quoted pair in local part: " + printable(whole));
                    }
                    i++;
                } else if (c == '"') {
                    throw new IllegalArgumentException("unescaped quote in local part: " + printable(whole));
                } else if (c < 0x20) {
                    throw new IllegalArgumentException("control character in local part: " + printable(whole));
                }
            }
            return;
        }
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("local part has a misplaced dot: " + printable(whole));
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!isAtext(c) && c != '.') {
                throw new IllegalArgumentException(
                        "local part contains '" + c + "', which needs quoting: " + printable(whole));
            }
        }
    }

    private static boolean isAtext(char c) {
        if (c >= 0x80) {
            return true; // RFC 6531 UTF8-non-ascii
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            return true;
        }
        return "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    private static String toAsciiDomain(String domain, String whole) {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("address has an empty domain: " + printable(whole));
        }
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        String ascii;
        if (d.chars().allMatch(c -> c < 0x80)) {
            ascii = d; // the label checks below apply the same STD3 rules without loading IDN's tables
        } else {
            try {
                ascii = IDN.toASCII(d, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid domain: " + printable(whole));
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.contains("..")) {
            throw new IllegalArgumentException("invalid domain: " + printable(whole));
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                throw new IllegalArgumentException("invalid domain label '" + label + "': " + printable(whole));
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) {
                    throw new IllegalArgumentException("invalid character in domain: " + printable(whole));
                }
            }
        }
        return ascii;
    }

    private static String parseAddressLiteral(String literal, String whole) {
        if (!literal.endsWith("]") || literal.length() < 3) {
            throw new IllegalArgumentException("unterminated address literal: " + printable(whole));
        }
        String inner = literal.substring(1, literal.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            String v6 = inner.substring(5);
            if (v6.isEmpty() || !v6.matches("[0-9A-Fa-f:.]+") || !v6.contains(":")) {
                throw new IllegalArgumentException("invalid IPv6 address literal: " + printable(whole));
            }
            try {
                InetAddress a = InetAddress.getByName(v6);
                if (!(a instanceof java.net.Inet6Address)) {
                    throw new IllegalArgumentException("invalid IPv6 address literal: " + printable(whole));
                }
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid IPv6 address literal: " + printable(whole));
            }
            return "[IPv6:" + v6.toLowerCase(Locale.ROOT) + "]";
        }
        if (!inner.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}")) {
            throw new IllegalArgumentException("invalid address literal: " + printable(whole));
        }
        return "[" + inner + "]";
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /** The input with control characters made visible, for error messages. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (ControlCharacters.isControl(c)
                    || (c > 0xFF && ((c & 0xFF) == '\r' || (c & 0xFF) == '\n' || (c & 0xFF) == 0))) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 200) {
            sb.append("...");
        }
        return sb.toString();
    }
}
