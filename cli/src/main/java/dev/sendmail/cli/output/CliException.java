package dev.sendmail.cli.output;

import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;

/**
 * A failure the CLI reports as one line on stderr and a sysexits code. Nothing has been sent when this is
 * thrown before delivery starts.
 */
public final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    public static CliException data(String message) {
        return new CliException(ExitCodes.DATA_ERROR, message);
    }

    public static CliException noInput(String message) {
        return new CliException(ExitCodes.NO_INPUT, message);
    }

    /** A configuration problem with its exit code ({@link ExitCodes#forConfig}). */
    public static CliException of(ConfigException e) {
        return new CliException(ExitCodes.forConfig(e), e.getMessage(), e);
    }

    public int exitCode() {
        return exitCode;
    }
}
