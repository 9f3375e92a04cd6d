package dev.sendmail.queue;

import dev.sendmail.api.Dsn;
import dev.sendmail.api.Mailbox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A delivery status notification (RFC 3464) for recipients that failed for good: a multipart/report with a
 * human-readable part, a message/delivery-status part with one block per recipient, and the original header
 * section as text/rfc822-headers. It is sent from the null reverse-path, so it never bounces back.
 */
final class Bounce {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One failed recipient.
     *
     * @param recipient the address
     * @param status the enhanced status code (RFC 3463), such as 5.1.1
     * @param diagnostic the server's reply, {@code 550 5.1.1 User unknown}, when a server gave one
     * @param detail one line for people
     */
    record Failure(Mailbox recipient, String status, Optional<String> diagnostic, String detail) {
    }

    private Bounce() {
    }

    static String text(QueueEntry entry, List<Failure> failed, Instant now, String reportingHost,
                       String originalHeaders) {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        String boundary = "=_report_" + HexFormat.of().formatHex(r);
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC));
        StringBuilder sb = new StringBuilder();
        sb.append("From: Mail Delivery System <MAILER-DAEMON@").append(reportingHost).append(">\r\n");
        sb.append("To: <").append(entry.sender().orElseThrow().address()).append(">\r\n");
        sb.append("Subject: Undelivered Mail Returned to Sender\r\n");
        sb.append("Date: ").append(date).append("\r\n");
        sb.append("Message-ID: <").append(HexFormat.of().formatHex(r)).append('.').append(entry.id()).append('@')
                .append(reportingHost).append(">\r\n");
        sb.append("Auto-Submitted: auto-replied\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .append(boundary).append("\"\r\n");
        sb.append("\r\nThis is a MIME-encapsulated delivery status notification.\r\n");
        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: text/plain; charset=utf-8\r\n");
        sb.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        sb.append("Your message, queued since ").append(entry.created())
                .append(", could not be delivered to these recipients:\r\n\r\n");
        for (Failure f : failed) {
            sb.append("  <").append(f.recipient().displayAddress()).append(">: ").append(cut(f.detail()))
                    .append("\r\n");
        }
        sb.append("\r\nNo further attempts will be made. The headers of your message are attached.\r\n");
        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: message/delivery-status\r\n\r\n");
        sb.append("Reporting-MTA: dns; ").append(reportingHost).append("\r\n");
        entry.dsn().envelopeId().ifPresent(id -> sb.append("Original-Envelope-Id: ").append(Dsn.xtext(id))
                .append("\r\n"));
        sb.append("Arrival-Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(
                entry.created().atZone(ZoneOffset.UTC))).append("\r\n");
        for (Failure f : failed) {
            sb.append("\r\n");
            String a = f.recipient().address();
            boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(a);
            sb.append("Final-Recipient: ").append(ascii ? "rfc822; " : "utf-8; ").append(a).append("\r\n");
            sb.append("Action: failed\r\n");
            sb.append("Status: ").append(f.status()).append("\r\n");
            f.diagnostic().ifPresent(d -> sb.append("Diagnostic-Code: smtp; ").append(cut(d)).append("\r\n"));
            sb.append("Last-Attempt-Date: ").append(date).append("\r\n");
        }
        sb.append("\r\n--").append(boundary).append("\r\n");
        sb.append("Content-Type: text/rfc822-headers\r\n\r\n");
        for (String line : originalHeaders.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (!l.isEmpty()) {
                sb.append(cut(l)).append("\r\n");
            }
        }
        sb.append("\r\n--").append(boundary).append("--\r\n");
        return sb.toString();
    }

    /** A line cut to 900 characters, well below the 998 octets a line may have. */
    private static String cut(String s) {
        return s.length() > 900 ? s.substring(0, 900) : s;
    }
}
