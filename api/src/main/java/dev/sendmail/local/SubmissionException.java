package dev.sendmail.local;

/**
 * A message read in sendmail mode that cannot be sent as {@link SendmailSubmission} was asked to: an address that
 * does not parse, no recipient anywhere, no usable sender. The message is one line for the user; nothing has been
 * sent when it is thrown, and the raw input is still the caller's to keep.
 */
public final class SubmissionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the message cannot be sent; a command-line program maps each to its own exit status. */
    public enum Reason {
        /** The message itself is wrong: an address that does not parse, a local name nobody maps, a line or octet
         *  that SMTP cannot carry. sysexits' {@link ExitCodes#DATA_ERROR}. */
        MALFORMED(ExitCodes.DATA_ERROR),
        /** Neither the message nor the caller names a recipient. sysexits' {@link ExitCodes#USAGE}. */
        NO_RECIPIENT(ExitCodes.USAGE),
        /** A sender is needed and the local user's {@code user@mailname} is not a valid address.
         *  sysexits' {@link ExitCodes#USAGE}. */
        NO_SENDER(ExitCodes.USAGE);

        private final int exitCode;

        Reason(int exitCode) {
            this.exitCode = exitCode;
        }

        /** @return the sysexits code a sendmail-compatible program exits with */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message one line saying what is wrong
     */
    public SubmissionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the message cannot be sent */
    public Reason reason() {
        return reason;
    }
}
