package dev.sendmail.cli.output;

/**
 * One JSON object (RFC 8259) for a line of {@code --json} output, built field by field; {@link #toString} gives
 * it without line breaks. Not thread-safe.
 */
public final class Json {

    private final StringBuilder sb = new StringBuilder("{");

    /**
     * A JSON string: quotes, backslashes and control characters escaped, and U+2028, U+2029 and lone surrogates
     * too, so that any JavaScript reader and any UTF-8 encoder take the line as it is.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                            ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                            : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || loneSurrogate) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A string field; null gives {@code null}. */
    public Json field(String name, String value) {
        return raw(name, value == null ? "null" : quote(value));
    }

    public Json field(String name, long value) {
        return raw(name, Long.toString(value));
    }

    public Json field(String name, boolean value) {
        return raw(name, Boolean.toString(value));
    }

    /** A value that is already JSON (an array or object). */
    public Json raw(String name, String json) {
        sb.append(sb.length() > 1 ? "," : "").append(quote(name)).append(':').append(json);
        return this;
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
