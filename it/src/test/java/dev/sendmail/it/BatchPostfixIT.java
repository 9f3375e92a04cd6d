package dev.sendmail.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code send-mail --batch} against a real Postfix: a directory of messages (one of them unreadable, one with a
 * recipient Postfix refuses) and an mbox file go through one process with pooled connections; every readable
 * message arrives once, the refused recipient and the unreadable file are reported, one JSON line per message.
 */
class BatchPostfixIT {

    @TempDir
    Path dir;

    @Test
    void aDirectoryAndAnMboxFileThroughOneProcess() throws IOException {
        MailServer pf = Servers.postfix();
        String token = TestMessages.token("batch");
        Path batch = Files.createDirectories(dir.resolve("outbox"));
        List<String> rcpts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String to = String.format("batch%02d@example.test", i);
            rcpts.add(to);
            Files.write(batch.resolve(String.format("m%02d.eml", i)), TestMessages.simple(token, to, "message " + i
                    + "\r\n"));
        }
        Files.write(batch.resolve("m40.eml"), TestMessages.simple(token, "unknown.batch@example.test", "refused\r\n"));
        Files.writeString(batch.resolve("m41.eml"), "Subject: no recipient " + token + "\r\n\r\nbody\r\n");
        List<String> args = new ArrayList<>(Cli.smartHost("socket", pf, pf.smtpPort(), "starttls"));
        args.addAll(List.of("--batch", batch.toString(), "--json", "--concurrency", "4"));
        CliResult r = Cli.run(new byte[0], args);
        // two permanent failures: the first found (the unreadable file, found before sending) gives the exit code
        assertEquals(65, r.exit(), r.describe());
        List<String> lines = r.stdout().lines().toList();
        assertEquals(42, lines.size(), r.describe());
        assertEquals(40, lines.stream().filter(l -> l.contains("\"status\":\"delivered\"")).count(), r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.contains("m40.eml\",\"status\":\"failed\",\"exit_code\":67")),
                r.describe());
        assertTrue(lines.stream().anyMatch(l -> l.contains("m41.eml\",\"status\":\"bad\",\"exit_code\":65")),
                r.describe());
        assertTrue(r.stderr().contains("40 delivered, 0 queued, 0 deferred, 1 failed, 1 unreadable and skipped"),
                r.describe());
        assertEquals(rcpts, pf.awaitMessages(token, 40).stream().map(b -> new DeliveredMessage(b)
                .header("Delivered-To")).sorted().toList());

        String mboxToken = TestMessages.token("batch-mbox");
        StringBuilder mbox = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            mbox.append("From sender@example.test Sat Nov 28 12:00:00 2026\n").append(new String(TestMessages.simple(
                    mboxToken, "mbox" + i + "@example.test", "From the mbox\r\n>From quoted\r\n"),
                    StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n>From", "\n>>From").replace("\nFrom the",
                    "\n>From the")).append("\n");
        }
        Path box = Files.writeString(dir.resolve("box.mbox"), mbox);
        List<String> mboxArgs = new ArrayList<>(Cli.smartHost("socket", pf, pf.smtpPort(), "starttls"));
        mboxArgs.addAll(List.of("--batch", box.toString()));
        CliResult m = Cli.run(new byte[0], mboxArgs);
        assertEquals(0, m.exit(), m.describe());
        List<byte[]> got = pf.awaitMessages(mboxToken, 3);
        assertEquals(3, got.size());
        for (byte[] b : got) {
            String text = new String(b, StandardCharsets.UTF_8);
            assertTrue(text.contains("\nFrom the mbox") && text.contains("\n>From quoted"), text);
        }
    }
}
