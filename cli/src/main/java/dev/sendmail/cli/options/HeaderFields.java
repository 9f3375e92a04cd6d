package dev.sendmail.cli.options;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.Message;
import dev.sendmail.cli.output.CliException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Header fields given on the command line ({@code --header "Name: value"}). */
public final class HeaderFields {

    /** Fields send-mail writes itself in compose mode; a user value would make the message inconsistent. */
    private static final Set<String> RESERVED = Set.of("mime-version", "content-type", "content-transfer-encoding",
            "content-disposition", "bcc");

    private HeaderFields() {
    }

    /**
     * Parses {@code --header "Name: value"}, checked as {@link Message.Builder#header} checks it.
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
        String lower = name.toLowerCase(Locale.ROOT);
        if (RESERVED.contains(lower)) {
            throw CliException.usage("--header " + name + ": send-mail writes this field itself"
                    + (lower.equals("bcc") ? " (use --bcc)" : ""));
        }
        try {
            Message.builder().header(name, value);
        } catch (IllegalArgumentException e) {
            throw CliException.data("--header: " + e.getMessage());
        }
        return Map.entry(name, value);
    }
}
