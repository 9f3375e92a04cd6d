package dev.sendmail.api;

import java.util.Locale;
import java.util.Set;

/** Checks on header names and values from callers: nothing that could end a header line gets through. */
final class HeaderChecks {

    /** Fields the builder writes itself; a caller's value would make the message inconsistent. */
    private static final Set<String> RESERVED = Set.of("mime-version", "content-type", "content-transfer-encoding",
            "content-disposition", "content-id", "bcc");

    private HeaderChecks() {
    }

    /** True when {@code name} is an RFC 5322 field name: printable ASCII without colon, 1 to 76 characters. */
    static boolean isFieldName(String name) {
        if (name == null || name.isEmpty() || name.length() > 76) {
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

    /** The value when it has no control character other than tab, else IllegalArgumentException. */
    static String value(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        int i = ControlCharacters.indexOfExceptTab(value);
        if (i >= 0) {
            throw new IllegalArgumentException(what + " contains a control character (U+"
                    + String.format("%04X", (int) value.charAt(i)) + "): " + Mailbox.printable(value));
        }
        return value;
    }

    /** True for a field the builder writes itself. */
    static boolean isReserved(String name) {
        return RESERVED.contains(name.strip().toLowerCase(Locale.ROOT));
    }

    static MimeSpec.Header header(String name, String value) {
        if (!isFieldName(name)) {
            throw new IllegalArgumentException("invalid header field name: "
                    + (name == null ? "null" : Mailbox.printable(name)));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (isReserved(name)) {
            throw new IllegalArgumentException("header " + name + ": send-mail writes this field itself"
                    + (lower.equals("bcc") ? " (use bcc)" : ""));
        }
        String v = value(name, value).strip();
        if ((lower.equals("message-id") || lower.equals("date")) && !v.chars().allMatch(c -> c > 0x20 && c < 0x7F
                || c == ' ' || c == '\t')) {
            throw new IllegalArgumentException("header " + name + " must be ASCII: " + Mailbox.printable(v));
        }
        if (lower.equals("message-id") && !(v.startsWith("<") && v.endsWith(">") && v.indexOf('@') > 0)) {
            throw new IllegalArgumentException("header Message-ID must look like <id@domain>: " + Mailbox.printable(v));
        }
        return new MimeSpec.Header(name, v);
    }

    /** A Content-ID without brackets: printable ASCII, no space, no angle brackets. */
    static String contentId(String id) {
        if (id == null || id.isEmpty() || id.length() > 200) {
            throw new IllegalArgumentException("invalid content ID");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') {
                throw new IllegalArgumentException("invalid content ID: " + Mailbox.printable(id));
            }
        }
        return id;
    }
}
