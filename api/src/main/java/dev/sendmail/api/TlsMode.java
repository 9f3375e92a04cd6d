package dev.sendmail.api;

import java.util.Locale;

/** How a connection is protected. */
public enum TlsMode {
    /** TLS from the first byte (RFC 8314), usually port 465. */
    SMTPS("smtps"),
    /** STARTTLS is required: fail, never fall back to plain text, if it is not offered or does not work. */
    STARTTLS("starttls"),
    /**
     * STARTTLS when the server offers it, plain text otherwise (RFC 7435). The default for MX delivery.
     * The certificate is checked, and a failed check is reported in the transcript; the message still goes
     * over the encrypted connection, which is better than plain text and what MX delivery without DANE or
     * MTA-STS can promise.
     */
    OPPORTUNISTIC("opportunistic"),
    /** No TLS at all. Dangerous: only when asked for, with a warning. */
    OFF("off");

    private final String cliName;

    TlsMode(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name used on the command line and in configuration files.
     *
     * @return the name {@code --tls} takes
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses a command-line name (also msmtp's on/off).
     *
     * @param text a {@link #cliName()}
     * @return the mode
     */
    public static TlsMode parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (TlsMode m : values()) {
            if (m.cliName.equals(t)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown TLS mode '" + text + "' (use smtps, starttls, opportunistic or off)");
    }

    /**
     * The port a transport uses when none is given.
     *
     * @return the port used when none is given
     */
    public int defaultPort() {
        return this == SMTPS ? 465 : 25;
    }
}
