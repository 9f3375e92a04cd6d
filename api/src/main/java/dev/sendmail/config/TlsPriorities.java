package dev.sendmail.config;

import dev.sendmail.api.TrustSettings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * msmtp's {@code tls_priorities}, a GnuTLS priority string such as {@code NORMAL:-VERS-TLS1.2} or
 * {@code SECURE256:+VERS-TLS1.3}, mapped onto what send-mail can set: the TLS protocol versions to enable (some of
 * {@link TrustSettings#PROTOCOLS}). The base keywords ({@code NORMAL}, {@code PFS}, {@code PERFORMANCE},
 * {@code SECURE128}, {@code SECURE192}, {@code SECURE256}, {@code SUITEB128}, {@code SUITEB192}, {@code LEGACY})
 * start from TLS 1.3 and 1.2, {@code NONE} from nothing; {@code +VERS-TLS1.3}, {@code -VERS-TLS1.2},
 * {@code +VERS-ALL} and the like add and remove versions. What has no counterpart here (cipher, MAC, key exchange,
 * group and signature choices, {@code %} flags, {@code @SYSTEM}, the security levels of the {@code SECURE} and
 * {@code SUITEB} keywords, versions older than TLS 1.2, which are never enabled) is listed in {@link #unmapped()}.
 * A pure function of the text; immutable.
 *
 * @param protocols the TLS versions to enable, newest first, never empty
 * @param unmapped the parts of the string that change nothing here, each with the reason, in order
 */
public record TlsPriorities(List<String> protocols, List<String> unmapped) {

    /** Keywords that start from GnuTLS's usual versions; the value says what of them is not mapped, or null. */
    private static final java.util.Map<String, String> BASE = java.util.Map.of(
            "NORMAL", "", "PFS", "forward-secret key exchange only", "PERFORMANCE", "cipher order",
            "LEGACY", "legacy ciphers", "SECURE128", "128-bit security level", "SECURE192", "192-bit security level",
            "SECURE256", "256-bit security level", "SUITEB128", "Suite B ciphers", "SUITEB192", "Suite B ciphers");

    private static final int MAX_LENGTH = 1000;

    /**
     * Copies the lists.
     *
     * @param protocols the TLS versions to enable, newest first, never empty
     * @param unmapped the parts of the string that change nothing here, each with the reason
     */
    public TlsPriorities {
        protocols = List.copyOf(protocols);
        unmapped = List.copyOf(unmapped);
    }

    /**
     * Maps a priority string.
     *
     * @param value the value of {@code tls_priorities}
     * @return the versions to enable and what was not mapped
     * @throws IllegalArgumentException with a one-line reason for an empty or over-long string, an unknown base
     *         keyword, or one that leaves no version send-mail enables (TLS 1.3, TLS 1.2)
     */
    public static TlsPriorities parse(String value) {
        String v = value.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("a GnuTLS priority string such as NORMAL is required");
        }
        if (v.length() > MAX_LENGTH || !v.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("not a GnuTLS priority string (printable ASCII "
                    + "without spaces, at most " + MAX_LENGTH + " characters)");
        }
        String[] items = v.split(":", -1);
        Set<String> enabled = new LinkedHashSet<>();
        List<String> unmapped = new ArrayList<>();
        String first = items[0].toUpperCase(Locale.ROOT);
        if (first.startsWith("@")) {
            enabled.addAll(TrustSettings.PROTOCOLS);
            unmapped.add(items[0] + " (system-wide GnuTLS priorities are not read)");
        } else if (first.equals("NONE")) {
            // versions come only from +VERS items
        } else if (BASE.containsKey(first)) {
            enabled.addAll(TrustSettings.PROTOCOLS);
            if (!BASE.get(first).isEmpty()) {
                unmapped.add(items[0] + " (" + BASE.get(first) + ": the JDK's cipher choice is used)");
            }
        } else {
            throw new IllegalArgumentException("a GnuTLS priority string starts with a keyword (NORMAL, SECURE128, "
                    + "SECURE256, PFS, PERFORMANCE, NONE, ...), not '" + items[0] + "'");
        }
        for (int i = 1; i < items.length; i++) {
            String item = items[i];
            String upper = item.toUpperCase(Locale.ROOT);
            if (upper.isEmpty()) {
                continue;
            }
            char sign = upper.charAt(0);
            String name = upper.substring(1);
            if ((sign == '+' || sign == '-' || sign == '!') && name.startsWith("VERS-")) {
                List<String> versions = versions(name.substring(5));
                if (versions == null) {
                    if (sign == '+') {
                        unmapped.add(item + " (send-mail enables TLS 1.2 and 1.3 only)");
                    }
                    continue; // removing a version that is never enabled changes nothing
                }
                if (sign == '+') {
                    enabled.addAll(versions);
                } else {
                    versions.forEach(enabled::remove);
                }
            } else if (sign == '%') {
                unmapped.add(item + " (GnuTLS option)");
            } else {
                unmapped.add(item + " (cipher suites are the JDK's)");
            }
        }
        List<String> protocols = TrustSettings.PROTOCOLS.stream().filter(enabled::contains).toList();
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException(v + " enables neither TLS 1.3 nor TLS 1.2, the "
                    + "only versions send-mail uses");
        }
        return new TlsPriorities(protocols, unmapped);
    }

    /** The JDK protocol names of a GnuTLS version name after {@code VERS-}; null for one send-mail never enables. */
    private static List<String> versions(String gnutls) {
        return switch (gnutls) {
            case "ALL", "TLS-ALL" -> TrustSettings.PROTOCOLS;
            case "TLS1.3" -> List.of("TLSv1.3");
            case "TLS1.2" -> List.of("TLSv1.2");
            default -> null;
        };
    }
}
