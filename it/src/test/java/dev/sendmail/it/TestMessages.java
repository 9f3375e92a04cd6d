package dev.sendmail.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Raw RFC 5322 test messages, each marked with a unique token the test later searches for. */
final class TestMessages {

    static final String FROM = "sender@example.test";

    private TestMessages() {
    }

    static String token(String label) {
        return "it-" + label + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Headers (CRLF) that make the server add nothing but trace fields. */
    static String headers(String token, String to, String subject) {
        return "From: Sender <" + FROM + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + " " + token + "\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "Message-ID: <" + token + "@example.test>\r\n";
    }

    static byte[] simple(String token, String to, String body) {
        return (headers(token, to, "test") + "\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A body that tests transparency: lines that are a single dot, start with one or two dots, a bare LF,
     * a bare CR, an empty line and a last line without a line break.
     */
    static byte[] dotsAndBareLineFeeds(String token, String to) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes((headers(token, to, "dots") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("first line\r\n.\r\n..\r\n.leading dot\r\n..two leading dots\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("bare LF here\nnext after bare LF\n.dot after bare LF\n\r\n".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes("end with a dot .\r\n. \r\nlast line without a break".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    /** The same bytes with every line break (CRLF, bare LF) turned into LF, as Maildir stores them. */
    static byte[] lf(byte[] message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(message.length);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\r' && i + 1 < message.length && message[i + 1] == '\n') {
                continue;
            }
            b.write(message[i]);
        }
        return b.toByteArray();
    }
}
