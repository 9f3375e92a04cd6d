package dev.sendmail.sts;

import java.util.Locale;

/** What an MTA-STS policy asks of a sending MTA (RFC 8461 section 5). */
public enum StsMode {
    /** Deliver only to MX hosts that match the policy, over TLS with a certificate verified for the MX name. */
    ENFORCE,
    /** Deliver as without a policy, and report what would have failed under {@link #ENFORCE}. */
    TESTING,
    /** The domain has withdrawn its policy: nothing is required. */
    NONE;

    /**
     * The value as it is written in a policy ({@code enforce}, {@code testing}, {@code none}).
     *
     * @return the policy's spelling
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode a policy's {@code mode} value names; the values are case-sensitive (RFC 8461 section 3.2).
     *
     * @param value the value after {@code mode:}
     * @return the mode
     * @throws IllegalArgumentException for any other value
     */
    public static StsMode ofWireName(String value) {
        for (StsMode m : values()) {
            if (m.wireName().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("mode must be enforce, testing or none, not " + StsPolicy.quote(value));
    }
}
