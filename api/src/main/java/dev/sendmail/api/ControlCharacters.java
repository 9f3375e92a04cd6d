package dev.sendmail.api;

/**
 * Control characters in text that came from a user or a file, the characters that must never reach a header
 * field or an SMTP command: C0 (CR, LF, NUL, ...), DEL, C1, and the Unicode line and paragraph separators
 * U+2028 and U+2029. What send-mail's own checks refuse, for an application that checks its input the same way
 * and shows a refused value in a message on one line. Stateless; thread-safe.
 */
public final class ControlCharacters {

    private static final int SHOWN = 200;

    private ControlCharacters() {
    }

    /**
     * @param s the text
     * @return the index of the first control character, TAB included; -1 when there is none
     */
    public static int indexOf(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param s the text, such as a header field value, in which TAB is white space
     * @return the index of the first control character other than TAB; -1 when there is none
     */
    public static int indexOfExceptTab(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && isControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The text made safe to show on one line of an error message: each control character (TAB included) as
     * {@code \}{@code uXXXX}, cut after 200 characters with {@code ...}.
     *
     * @param s the text
     * @return the text as shown
     */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < SHOWN; i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > SHOWN) {
            sb.append("...");
        }
        return sb.toString();
    }

    /**
     * The text kept on one line, for a reply or an error that is shown whole: each control character (TAB
     * included) becomes a space; nothing is cut.
     *
     * @param s the text
     * @return the text with a space in place of each control character
     */
    public static String oneLine(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(isControl(c) ? ' ' : c);
        }
        return sb.toString();
    }

    /**
     * A server's reply text made harmless to pass on: each control character except TAB becomes {@code ?}, so
     * that a reply's ESC sequences, C1 controls and line separators never reach a caller's terminal or log.
     * Returns {@code s} itself when it holds none (the common case: nothing is copied).
     *
     * @param s the text
     * @return the text with {@code ?} in place of each control character but TAB
     */
    public static String neutral(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && isControl(c)) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '?');
            }
        }
        return sb == null ? s : sb.toString();
    }

    /**
     * @param c a character
     * @return true for C0, DEL, C1, U+2028 and U+2029
     */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029';
    }
}
