package dev.sendmail.transport.jakarta;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.SmtpReply;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the reply text Angus keeps ({@code getLastServerResponse()}, exception messages: lines each ended by
 * {@code \n}, codes included) into an {@link SmtpReply}. Pure and bounded; anything that is not a reply gives
 * empty.
 */
final class ReplyText {

    /** Longer text is cut: a reply is for people to read, not a transport for data. */
    static final int MAX_CHARS = 64 * 1024;
    static final int MAX_LINES = 500;

    private ReplyText() {
    }

    static Optional<SmtpReply> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        int code = -1;
        List<String> lines = new ArrayList<>();
        for (String raw : t.split("\r?\n")) {
            if (raw.isEmpty()) {
                continue;
            }
            int c = codeOf(raw);
            if (c < 0) {
                return Optional.empty();
            }
            if (code < 0) {
                code = c;
            }
            if (lines.size() < MAX_LINES) {
                lines.add(raw.length() > 4 ? ControlCharacters.neutral(raw.substring(4).strip()) : "");
            }
        }
        if (code < 200 || code > 599) {
            return Optional.empty();
        }
        return Optional.of(SmtpReply.of(code, lines));
    }

    /** A reply from a code Angus kept apart from its text (exceptions carry both). */
    static SmtpReply of(int code, String text) {
        Optional<SmtpReply> parsed = parse(text);
        if (parsed.isPresent() && parsed.get().code() == code) {
            return parsed.get();
        }
        String line = text == null ? "" : text.strip();
        if (line.length() > 3 && codeOf(line) == code) {
            line = line.substring(4);
        }
        return SmtpReply.of(code, printable(line));
    }

    private static int codeOf(String line) {
        if (line.length() < 3) {
            return -1;
        }
        for (int i = 0; i < 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        if (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-') {
            return -1;
        }
        return Integer.parseInt(line.substring(0, 3));
    }

    /** Control characters ({@link ControlCharacters}) made visible, cut to one screen line. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            char c = s.charAt(i);
            if (ControlCharacters.isControl(c)) {
                sb.append(c == '\n' ? " " : String.format("\\x%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 200) {
            sb.append("...");
        }
        return sb.toString().strip();
    }
}
