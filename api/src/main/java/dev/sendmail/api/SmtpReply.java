package dev.sendmail.api;

import java.util.List;
import java.util.Optional;

/**
 * One SMTP reply: the three-digit code, the RFC 3463 enhanced status when the server gave one,
 * and the text of each line without the code and separator.
 */
public record SmtpReply(int code, Optional<EnhancedStatus> status, List<String> lines) {

    /**
     * Checks the components; collections are copied.
     *
     * @param code the code
     * @param status the status
     * @param lines the lines
     */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            lines = List.of("");
        }
        status = status == null ? Optional.empty() : status;
    }

    /**
     * A reply from its code and lines; the enhanced status is taken from the first line when present.
     *
     * @param code the reply code
     * @param lines the text lines, without the code
     * @return the reply
     */
    public static SmtpReply of(int code, List<String> lines) {
        Optional<EnhancedStatus> status = Optional.empty();
        if (!lines.isEmpty()) {
            status = EnhancedStatus.parsePrefix(lines.get(0)).filter(s -> s.statusClass() == code / 100);
        }
        return new SmtpReply(code, status, lines);
    }

    /**
     * A one-line reply.
     *
     * @param code the reply code
     * @param line the text, without the code
     * @return the reply
     */
    public static SmtpReply of(int code, String line) {
        return of(code, List.of(line));
    }

    /**
     * A 2xx or 3xx reply.
     *
     * @return true when positive
     */
    public boolean isPositive() {
        return code < 400;
    }

    /**
     * A 4xx reply.
     *
     * @return true when transient
     */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /**
     * A 5xx reply.
     *
     * @return true when permanent
     */
    public boolean isPermanent() {
        return code >= 500;
    }

    /**
     * The text of all lines joined by a space, with the enhanced status prefix of each line removed.
     *
     * @return the text lines joined
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            String t = line;
            if (status.isPresent() && t.startsWith(status.get().toString())) {
                t = t.substring(status.get().toString().length()).strip();
            }
            if (sb.length() > 0 && !t.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t);
        }
        return sb.toString();
    }

    /** {@code 550 5.1.1 User unknown}. */
    @Override
    public String toString() {
        String text = text();
        return code + status.map(s -> " " + s).orElse("") + (text.isEmpty() ? "" : " " + text);
    }
}
