package dev.sendmail.transport.jakarta;

import dev.sendmail.api.SmtpReply;
import java.util.Arrays;

/**
 * What the next reply answers, and the positive codes it may have (RFC 5321 4.3.2); a failure (4xx, 5xx) is
 * always possible and left to Angus. Not thread-safe: {@link ObservedSmtpTransport} holds it under its lock.
 */
final class ExpectedReply {

    private String answering = "the greeting";
    /** Null: not checked (QUIT, unknown commands). */
    private int[] codes = {220};

    /** Expects the reply to the command {@code line}, whose first four letters upper-cased are {@code upper}. */
    void answering(String upper, String line) {
        if (line.equals(".")) {
            set("the end of the data", 250);
            return;
        }
        switch (upper) {
            case "EHLO", "HELO", "RSET", "NOOP" -> set(upper, 250);
            case "STAR" -> set("STARTTLS", 220);
            case "AUTH" -> set("AUTH", 334, 235);
            case "MAIL" -> set("MAIL", 250, 251);
            case "RCPT" -> set("RCPT", 250, 251);
            case "DATA" -> set("DATA", 354);
            case "BDAT" -> set("BDAT", 250);
            default -> set(upper);
        }
    }

    void set(String command, int... positive) {
        answering = command;
        codes = positive.length == 0 ? null : positive;
    }

    boolean accepts(int code) {
        if (codes == null) {
            return true;
        }
        for (int c : codes) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }

    /** The message for a positive reply this command cannot get. */
    String unexpected(SmtpReply reply) {
        return "unexpected reply to " + answering + " (expected "
                + String.join(" or ", Arrays.stream(codes).mapToObj(Integer::toString).toList()) + "): " + reply;
    }
}
