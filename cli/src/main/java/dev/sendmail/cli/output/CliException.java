package dev.sendmail.cli.output;

import dev.sendmail.api.SendMailException;
import dev.sendmail.config.ConfigException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.local.SubmissionException;
import dev.sendmail.spi.ProviderLookupException;

/**
 * A failure the CLI reports as one line on stderr and a sysexits code. Nothing has been sent when this is
 * thrown before delivery starts. The api's own failures are not wrapped in one just to carry a code: commands let
 * them pass, and {@link #exitCode(Exception)} classifies every failure once, where it is reported.
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

    /**
     * The exit code of a failure that ends a command: a CliException's own, {@link ExitCodes#forConfig} for a
     * configuration problem, {@link ExitCodes#forFailure} for a delivery or DNS failure, its reason's for a message
     * that cannot be addressed ({@link SubmissionException.Reason#exitCode}: 64 without a valid sender), 78 for a
     * transport or resolver that cannot be found, else 70 (a bug).
     */
    public static int exitCode(Exception failure) {
        if (failure instanceof CliException e) {
            return e.exitCode();
        }
        if (failure instanceof ConfigException e) {
            return ExitCodes.forConfig(e);
        }
        if (failure instanceof SendMailException e) {
            return ExitCodes.forFailure(e);
        }
        if (failure instanceof SubmissionException e) {
            return e.reason().exitCode();
        }
        return failure instanceof ProviderLookupException ? ExitCodes.CONFIG : ExitCodes.SOFTWARE;
    }
}
