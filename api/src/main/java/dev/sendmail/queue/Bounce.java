package dev.sendmail.queue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The text of the notice sent to a sender when queued recipients expire: plain ASCII, from the null sender. */
final class Bounce {

    private Bounce() {
    }

    static String text(QueueEntry entry, List<QueueEntry.Recipient> failed, Instant now, String originalHeaders) {
        StringBuilder sb = new StringBuilder();
        sb.append("From: Mail Delivery System <MAILER-DAEMON>\r\n");
        sb.append("To: <").append(entry.sender().orElseThrow().address()).append(">\r\n");
        sb.append("Subject: Undelivered Mail Returned to Sender\r\n");
        sb.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atZone(ZoneOffset.UTC)))
                .append("\r\n");
        sb.append("Auto-Submitted: auto-replied\r\n");
        sb.append("MIME-Version: 1.0\r\n");
        sb.append("Content-Type: text/plain; charset=utf-8\r\n");
        sb.append("Content-Transfer-Encoding: 8bit\r\n");
        sb.append("\r\n");
        sb.append("send-mail could not deliver your message, queued since ").append(entry.created())
                .append(", to these recipients:\r\n\r\n");
        for (QueueEntry.Recipient r : failed) {
            sb.append("  <").append(r.mailbox().displayAddress()).append(">: ").append(r.detail()).append("\r\n");
        }
        sb.append("\r\nThe headers of your message follow.\r\n\r\n");
        for (String line : originalHeaders.split("\n")) {
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.length() > 990) {
                l = l.substring(0, 990);
            }
            sb.append(l.startsWith(".") ? "." + l : l).append("\r\n");
        }
        return sb.toString();
    }
}
