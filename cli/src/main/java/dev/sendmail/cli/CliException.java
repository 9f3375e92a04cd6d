package dev.sendmail.cli;

/**
 * A failure the CLI reports as one line on stderr and a sysexits code. Nothing has been sent when this is
 * thrown before delivery starts.
 */
final class CliException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    static CliException config(String message) {
        return new CliException(ExitCodes.CONFIG, message);
    }

    static CliException data(String message) {
        return new CliException(ExitCodes.DATA_ERROR, message);
    }

    static CliException noInput(String message) {
        return new CliException(ExitCodes.NO_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
