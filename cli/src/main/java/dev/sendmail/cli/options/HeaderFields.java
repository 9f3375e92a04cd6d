package dev.sendmail.cli.options;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Checks on header fields given on the command line ({@code --header "Name: value"}). */
public final class HeaderFields {

    /** Fields send-mail writes itself in compose mode; a user value would make the message inconsistent. */
    private static final Set<String> RESERVED = Set.of("mime-version", "content-type", "content-transfer-encoding",
            "content-disposition", "bcc");

    private HeaderFields() {
    }

    /** True when {@code name} is an RFC 5322 field name: printable ASCII without colon, 1 to 76 characters. */
    static boolean isFieldName(String name) {
        if (name.isEmpty() || name.length() > 76) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code --header "Name: value"}.
     *
     * @throws CliException 65 for a malformed field, 64 for a field send-mail writes itself
     */
    public static Map.Entry<String, String> parseOption(String text) throws CliException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw CliException.data("--header must be \"Name: value\": " + ControlCharacters.escape(text));
        }
        String name = text.substring(0, colon).strip();
        String value = text.substring(colon + 1).strip();
        if (!isFieldName(name)) {
            throw CliException.data("--header: invalid field name '" + ControlCharacters.escape(name) + "'");
        }
        ValueChecks.clean("--header " + name, value, ExitCodes.DATA_ERROR);
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            throw CliException.usage("--header " + name + ": send-mail writes this field itself"
                    + (lower.equals("bcc") ? " (use --bcc)" : ""));
        }
        return Map.entry(name, value);
    }
}
