package dev.sendmail.api;

import java.util.Locale;

/**
 * The protocol a transport speaks to the server: SMTP, or LMTP (RFC 2033) for handing mail to a local delivery
 * agent such as Dovecot's or Cyrus's {@code lmtpd}.
 */
public enum MailProtocol {
    /** ESMTP (RFC 5321): EHLO, and one reply for the whole message after its data. */
    SMTP,
    /**
     * LMTP (RFC 2033): LHLO instead of EHLO (no HELO fallback), and after the data one reply per accepted
     * recipient, in RCPT order, so that each recipient has its own outcome. Never on port 25.
     */
    LMTP;

    /** The port LMTP uses when none is given: 24, IANA's "any private mail system" port, as Postfix and Dovecot use. */
    public static final int LMTP_PORT = 24;

    /**
     * The port a transport connects to when the host names none.
     *
     * @param mode the connection's TLS mode
     * @return {@link #LMTP_PORT} for LMTP, else the TLS mode's {@link TlsMode#defaultPort()}
     */
    public int defaultPort(TlsMode mode) {
        return this == LMTP ? LMTP_PORT : mode.defaultPort();
    }

    /**
     * The name used in configuration files ({@code protocol smtp}) and on msmtp's command line.
     *
     * @return {@code smtp} or {@code lmtp}
     */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code smtp} or {@code lmtp}, in any case.
     *
     * @param text the name
     * @return the protocol
     * @throws IllegalArgumentException for any other name
     */
    public static MailProtocol parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (MailProtocol p : values()) {
            if (p.configName().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("protocol must be smtp or lmtp");
    }
}
