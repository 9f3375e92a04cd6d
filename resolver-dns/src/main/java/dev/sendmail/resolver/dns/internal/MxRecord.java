package dev.sendmail.resolver.dns.internal;

import java.util.Locale;

/**
 * One MX record of a domain.
 *
 * @param preference the MX preference, 0 to 65535; lower is tried first
 * @param host the exchange in ASCII, lower case, without the trailing dot; empty for the root ({@code MX 0 .})
 */
public record MxRecord(int preference, String host) {

    public MxRecord {
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference out of range: " + preference);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
    }

    /** True for an exchange of {@code .}, which names no host (RFC 7505 null MX when it is the only record). */
    public boolean isRoot() {
        return host.isEmpty();
    }

    @Override
    public String toString() {
        return preference + " " + (isRoot() ? "." : host);
    }
}
