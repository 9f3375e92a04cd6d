package dev.sendmail.config;

/**
 * A configuration that cannot be used: a file that cannot be read or parsed, a bad value, a missing account, a
 * password that cannot be obtained. The message is one line, names the file and line when there is one, and
 * never holds a password.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the configuration cannot be used; a command-line program maps each to its own exit status. */
    public enum Reason {
        /** The configuration is wrong: bad syntax or value, an unknown account, a file others may read. */
        INVALID,
        /** A file named explicitly (for example the configuration file itself) does not exist. */
        MISSING,
        /** A file exists and cannot be read (permissions). */
        UNREADABLE
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message one line, without secrets
     */
    public ConfigException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A {@link Reason#INVALID} configuration. */
    static ConfigException invalid(String message) {
        return new ConfigException(Reason.INVALID, message);
    }

    /** @return why the configuration cannot be used */
    public Reason reason() {
        return reason;
    }
}
