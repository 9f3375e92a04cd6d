package dev.sendmail.cli.options;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.cli.output.CliException;

/**
 * Checks on text from the command line: nothing a user types may carry a CR, LF or other control character
 * ({@link ControlCharacters}) into a header or an SMTP command.
 */
public final class ValueChecks {

    private ValueChecks() {
    }

    /**
     * Rejects a value with a control character.
     *
     * @param what names the value in the message, e.g. "--subject"
     * @throws CliException with exit code {@code code}
     */
    public static String clean(String what, String value, int code) throws CliException {
        int i = ControlCharacters.indexOf(value);
        if (i >= 0) {
            throw new CliException(code, what + " contains a control character (U+"
                    + String.format("%04X", (int) value.charAt(i)) + "); nothing was sent");
        }
        return value;
    }
}
