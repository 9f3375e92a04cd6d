package dev.sendmail.api;

import java.net.IDN;
import java.util.Locale;

/**
 * The argument of an ETRN command (RFC 1985 section 3): a domain whose queued mail the server should start
 * delivering, optionally prefixed with {@code @} (the domain and its subdomains) or {@code #} (a queue name
 * the server defines, as msmtp's {@code --rmqs} allows).
 *
 * @param text the argument as sent: ASCII, no spaces or control characters
 */
public record EtrnNode(String text) {

    /** Longest argument accepted: a domain name is at most 255 octets, plus the option character. */
    public static final int MAX_LENGTH = 256;

    /**
     * Checks the components; collections are copied.
     *
     * @param text the argument as sent: ASCII, no spaces or control characters
     */
    public EtrnNode {
        check(text);
    }

    /**
     * Parses {@code domain}, {@code @domain} or {@code #queue}; a domain with non-ASCII labels is converted to
     * A-labels.
     *
     * @throws IllegalArgumentException with a one-line reason
     * @param value a domain, {@code @domain} or {@code #queue}
     * @return the node
     */
    public static EtrnNode parse(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("ETRN needs a domain, @domain or #queue");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || ControlCharacters.isControl(c)) {
                throw new IllegalArgumentException("ETRN argument contains a space or control character");
            }
        }
        char first = value.charAt(0);
        if (first == '#') {
            return new EtrnNode(value);
        }
        String prefix = first == '@' ? "@" : "";
        String domain = value.substring(prefix.length());
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return new EtrnNode(prefix + domain);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ETRN domain is not a valid domain name: "
                    + ControlCharacters.escape(domain));
        }
        if (!isDomain(ascii)) {
            throw new IllegalArgumentException("ETRN domain is not a valid domain name: "
                    + ControlCharacters.escape(domain));
        }
        return new EtrnNode(prefix + ascii);
    }

    /**
     * The ETRN command line, without CRLF.
     *
     * @return the ETRN command line, without CRLF
     */
    public String command() {
        return "ETRN " + text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static void check(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("ETRN needs a domain, @domain or #queue");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("ETRN argument longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("ETRN argument must be ASCII without spaces or control characters");
            }
        }
        String rest = text.charAt(0) == '@' || text.charAt(0) == '#' ? text.substring(1) : text;
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("ETRN needs a name after '" + text.charAt(0) + "'");
        }
    }

    /** LDH labels of 1 to 63 characters separated by dots, 253 characters at most, no empty label. */
    static boolean isDomain(String s) {
        String d = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        if (d.isEmpty() || d.length() > 253) {
            return false;
        }
        for (String label : d.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
                        || c == '_';
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }
}
