package dev.sendmail.cli.options;

import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;

/**
 * Checks on text from the command line and configuration files: nothing a user types may carry a CR, LF or
 * other control character into a header or an SMTP command.
 */
public final class ValueChecks {

    private ValueChecks() {
    }

    /** The index of the first control character (C0, DEL, C1, U+2028/2029), or -1. */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first control character other than TAB, or -1. */
    public static int firstControlButTab(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\t') {
                continue;
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Rejects a value with a control character.
     *
     * @param what names the value in the message, e.g. "--subject"
     * @throws CliException with exit code {@code code}
     */
    public static String clean(String what, String value, int code) throws CliException {
        int i = firstControl(value);
        if (i >= 0) {
            throw new CliException(code, what + " contains a control character (U+"
                    + String.format("%04X", (int) value.charAt(i)) + "); nothing was sent");
        }
        return value;
    }

    /** Like {@link #clean} with exit code 64. */
    static String option(String what, String value) throws CliException {
        return clean(what, value, ExitCodes.USAGE);
    }

    /** The value with control characters shown as \\uXXXX, cut at 200 characters, for error messages. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029') {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 200) {
            sb.append("...");
        }
        return sb.toString();
    }
}
