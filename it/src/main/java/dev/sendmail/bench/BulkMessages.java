package dev.sendmail.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the bulk benchmark's messages, one {@code .eml} file each: {@code BulkMessages DIR COUNT SIZE [DOMAINS]}.
 * Message I goes to {@code rI@bench.test}, or with DOMAINS to {@code rI@dJ.bench.test} with J = I mod DOMAINS;
 * each is SIZE octets in all (headers, blank line, CRLF lines of 78 characters).
 */
public final class BulkMessages {

    private BulkMessages() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: BulkMessages DIR COUNT SIZE [DOMAINS]");
            System.exit(64);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int size = (int) BenchOptions.parseSize(args[2]);
        int domains = args.length == 4 ? Integer.parseInt(args[3]) : 0;
        String line = "x".repeat(78) + "\r\n";
        for (int i = 0; i < count; i++) {
            String to = "r" + i + "@" + (domains > 0 ? "d" + (i % domains) + ".bench.test" : "bench.test");
            StringBuilder m = new StringBuilder(size + 100);
            m.append("From: Bench <bench@bench.test>\r\nTo: ").append(to).append("\r\nSubject: bulk ").append(i)
                    .append("\r\nDate: Tue, 1 Dec 2026 09:00:00 +0000\r\nMessage-ID: <bulk-").append(i)
                    .append("@bench.test>\r\n\r\n");
            while (m.length() + line.length() <= size) {
                m.append(line);
            }
            while (m.length() < size - 2) {
                m.append('y');
            }
            m.append("\r\n");
            Files.writeString(dir.resolve(String.format("m%06d.eml", i)), m, StandardCharsets.US_ASCII);
        }
    }
}
