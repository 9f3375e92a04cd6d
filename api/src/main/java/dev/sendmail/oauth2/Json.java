package dev.sendmail.oauth2;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bounded JSON reader (RFC 8259) for token endpoint answers, which come from the network: at most
 * {@link #MAX_CHARS} characters, nesting at most {@link #MAX_DEPTH} deep, at most {@link #MAX_MEMBERS} members or
 * elements in all. Objects become unmodifiable maps (a repeated name is an error), arrays lists, numbers their
 * text as a {@link Number} ({@link Long} when integral and in range, else {@link Double}), {@code null} becomes
 * {@link #NULL}. A failure names the position only, never the text around it: an answer may hold a token.
 */
final class Json {

    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_DEPTH = 16;
    static final int MAX_MEMBERS = 1024;
    /** JSON {@code null}; maps cannot hold Java null. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Malformed or over-bound JSON; the message is one line with a position. */
    static final class MalformedJsonException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message);
        }
    }

    private final String text;
    private int pos;
    private int members;

    private Json(String text) {
        this.text = text;
    }

    /** Parses a whole document; anything but white space after the value is an error. */
    static Object parse(String text) throws MalformedJsonException {
        if (text.length() > MAX_CHARS) {
            throw new MalformedJsonException("JSON longer than " + MAX_CHARS + " characters");
        }
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) {
            throw p.error("text after the value");
        }
        return v;
    }

    /** Parses a document that must be an object. */
    static Map<String, Object> parseObject(String text) throws MalformedJsonException {
        Object v = parse(text);
        if (!(v instanceof Map<?, ?>)) {
            throw new MalformedJsonException("JSON is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private Object value(int depth) throws MalformedJsonException {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object(depth + 1);
            case '[' -> array(depth + 1);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character");
            }
        };
    }

    private Map<String, Object> object(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(m);
        }
        while (true) {
            countMember();
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object v = value(depth);
            if (m.putIfAbsent(name, v) != null) {
                throw error("repeated member name");
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(m);
            }
            if (c != ',') {
                pos--;
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array(int depth) throws MalformedJsonException {
        checkDepth(depth);
        pos++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            countMember();
            skipSpace();
            list.add(value(depth));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
            if (c != ',') {
                pos--;
                throw error("expected , or ]");
            }
        }
    }

    private String string() throws MalformedJsonException {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> sb.append(hex4());
                default -> {
                    pos--;
                    throw error("bad escape");
                }
            }
        }
    }

    private char hex4() throws MalformedJsonException {
        if (pos + 4 > text.length()) {
            throw error("short \\u escape");
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad \\u escape");
            }
            v = v * 16 + d;
        }
        pos += 4;
        return (char) v;
    }

    private Number number() throws MalformedJsonException {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digits() == 0) {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek() == '.') {
            pos++;
            integral = false;
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (digits() == 0) {
                throw error("bad number");
            }
        }
        String s = text.substring(start, pos);
        if (integral && s.length() <= 18) {
            return Long.parseLong(s);
        }
        return Double.parseDouble(s);
    }

    private int digits() {
        int n = 0;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
            n++;
        }
        return n;
    }

    private Object literal(String word, Object v) throws MalformedJsonException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected word");
        }
        pos += word.length();
        return v;
    }

    private void checkDepth(int depth) throws MalformedJsonException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void countMember() throws MalformedJsonException {
        if (++members > MAX_MEMBERS) {
            throw error("more than " + MAX_MEMBERS + " members");
        }
    }

    private void expect(char c) throws MalformedJsonException {
        if (peek() != c) {
            throw error("expected " + c);
        }
        pos++;
    }

    /** The next character, or U+FFFF at the end (never valid where a token is expected). */
    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\uffff';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private MalformedJsonException error(String what) {
        return new MalformedJsonException("malformed JSON at character " + pos + ": " + what);
    }
}
