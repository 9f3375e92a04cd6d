package dev.sendmail.cli.output;

/** The sysexits.h codes the CLI exits with. */
public final class ExitCodes {

    public static final int OK = 0;
    /** EX_USAGE: the command was used incorrectly. */
    public static final int USAGE = 64;
    /** EX_DATAERR: bad message or address data. */
    public static final int DATA_ERROR = 65;
    /** EX_NOINPUT: an input file did not exist or was not readable. */
    public static final int NO_INPUT = 66;
    /** EX_NOUSER: a recipient is unknown (5.1.x). */
    public static final int NO_USER = 67;
    /** EX_NOHOST: the domain does not exist or accepts no mail. */
    static final int NO_HOST = 68;
    /** EX_UNAVAILABLE: any other permanent failure. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: a bug in send-mail. */
    public static final int SOFTWARE = 70;
    /** EX_CANTCREAT: a local file could not be written. */
    public static final int CANT_CREATE = 73;
    /** EX_IOERR: local I/O failed. */
    public static final int IO_ERROR = 74;
    /** EX_TEMPFAIL: temporary failure; trying later may work. */
    public static final int TEMP_FAIL = 75;
    /** EX_PROTOCOL: the remote side broke the protocol. */
    static final int PROTOCOL = 76;
    /** EX_NOPERM: authentication or permission failure. */
    public static final int NO_PERMISSION = 77;
    /** EX_CONFIG: configuration error. */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }

    /** True for codes that mean "trying again will not help". */
    static boolean isPermanent(int code) {
        return code != OK && code != TEMP_FAIL && code != PROTOCOL;
    }

    /**
     * Combines two codes: a permanent failure outranks a protocol error, which outranks a temporary failure,
     * which outranks success. Between two permanent failures the first one wins.
     */
    public static int worse(int current, int next) {
        return rank(next) > rank(current) ? next : current;
    }

    private static int rank(int code) {
        if (code == OK) {
            return 0;
        }
        if (code == TEMP_FAIL) {
            return 1;
        }
        if (code == PROTOCOL) {
            return 2;
        }
        return 3;
    }
}
