package dev.sendmail.internal;

/** Checks on text read from files and standard input, and how it is shown in messages. Not exported. */
public final class Text {

    private Text() {
    }

    /** The index of the first control character other than TAB (C0, DEL, C1, U+2028/2029), or -1. */
    public static int firstControlButTab(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && isControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The value with control characters shown as \\uXXXX, cut at 200 characters, for error messages. */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
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

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == '\u2028' || c == '\u2029';
    }
}
