package dev.sendmail.internal;

import dev.sendmail.api.ControlCharacters;

/**
 * Minimal JSON writing (RFC 8259): string escaping, string arrays and a builder for one-line objects, for the
 * api's own JSON (TLS reports, {@code tlsrpt.TlsReport}; route plans, {@code api.PlanDescription}; batch results,
 * {@code batch.BatchResult}). Not exported. A builder is not thread-safe.
 */
public final class Json {

    private final StringBuilder sb = new StringBuilder("{");

    /**
     * A JSON string: quotes, backslashes, control characters ({@link ControlCharacters}: C0, DEL, C1, U+2028/U+2029)
     * and lone surrogates escaped.
     *
     * @param s the text
     * @return the quoted string
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
                    if (ControlCharacters.isControl(c) || Character.isSurrogate(c)
                            && !validSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    public Json field(String name, String value) {
        sep();
        sb.append(quote(name)).append(':').append(value == null ? "null" : quote(value));
        return this;
    }

    public Json field(String name, long value) {
        sep();
        sb.append(quote(name)).append(':').append(value);
        return this;
    }

    public Json field(String name, boolean value) {
        sep();
        sb.append(quote(name)).append(':').append(value);
        return this;
    }

    /** A JSON array of strings. */
    public static String strings(java.util.Collection<String> values) {
        StringBuilder b = new StringBuilder("[");
        for (String v : values) {
            b.append(b.length() > 1 ? "," : "").append(quote(v));
        }
        return b.append(']').toString();
    }

    /** A value that is already JSON (an array or object). */
    public Json raw(String name, String json) {
        sep();
        sb.append(quote(name)).append(':').append(json);
        return this;
    }

    private void sep() {
        if (sb.length() > 1) {
            sb.append(',');
        }
    }

    @Override
    public String toString() {
        return sb + "}";
    }
}
