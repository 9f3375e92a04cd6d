package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Turns a mail domain into an absolute DNS name. Only ASCII letters, digits, hyphens and underscores in labels
 * of 1 to 63 characters, 253 characters in all (RFC 1035, RFC 5321 section 4.1.2); a final dot is allowed. No
 * search list is applied: a mail domain is always fully qualified.
 */
public final class DomainNames {

    public static final int MAX_LENGTH = 253;
    public static final int MAX_LABEL = 63;

    private DomainNames() {
    }

    public static Name parse(String domain) throws ResolutionFailedException {
        String d = domain.strip();
        String shown = shown(d);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        if (d.isEmpty()) {
            throw new ResolutionFailedException(shown, Reason.PERMANENT, "domain is empty", null);
        }
        if (d.length() > MAX_LENGTH) {
            throw new ResolutionFailedException(shown, Reason.PERMANENT, "domain is longer than 253 characters", null);
        }
        int label = 0;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    throw new ResolutionFailedException(shown, Reason.PERMANENT, "domain has an empty label", null);
                }
                label = 0;
                continue;
            }
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw new ResolutionFailedException(shown, Reason.PERMANENT,
                        "domain contains a character not allowed in a DNS name (use A-labels for IDNs)", null);
            }
            if (++label > MAX_LABEL) {
                throw new ResolutionFailedException(shown, Reason.PERMANENT, "domain has a label over 63 characters", null);
            }
        }
        if (label == 0) {
            throw new ResolutionFailedException(shown, Reason.PERMANENT, "domain has an empty label", null);
        }
        try {
            return Name.fromString(d, Name.root);
        } catch (TextParseException e) {
            throw new ResolutionFailedException(shown, Reason.PERMANENT, "not a valid domain name", null);
        }
    }

    /** The domain for messages: bounded, controls ({@link ControlCharacters}) made visible. */
    static String shown(String d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length() && i < 100; i++) {
            char c = d.charAt(i);
            if (ControlCharacters.isControl(c)) {
                sb.append(String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (d.length() > 100) {
            sb.append("...");
        }
        return sb.toString();
    }
}
