package dev.sendmail.internal;

import dev.sendmail.api.ConnectionFailedException;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Phase;
import dev.sendmail.api.RecipientOutcome;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes each message, with its envelope, to one file in a directory: {@code X-Envelope-From} and one
 * {@code X-Envelope-To} line per recipient, then the message with every line ending written as CRLF, as it
 * would travel over SMTP. The file appears atomically (written under a temporary name, flushed to disk,
 * renamed), so a reader never sees half a message.
 */
final class FileTransport implements Transport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final AtomicLong COUNTER = new AtomicLong();

    private final Path dir;
    private final Clock clock;

    FileTransport(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    @Override
    public DeliveryReport send(SendRequest request) throws SendMailException {
        String name = STAMP.format(clock.instant()) + "-" + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + ".eml";
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
                 InputStream in = request.content().open()) {
                StringBuilder head = new StringBuilder();
                head.append("X-Envelope-From: ").append(request.envelope().reversePath()).append("\r\n");
                for (Mailbox r : request.envelope().recipients()) {
                    head.append("X-Envelope-To: <").append(r.address()).append(">\r\n");
                }
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                CrlfOutputStream crlf = new CrlfOutputStream(out);
                in.transferTo(crlf);
                crlf.finish();
                crlf.flush();
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the original failure is what matters
            }
            throw new ConnectionFailedException("cannot write " + target + ": " + e.getMessage(), Phase.DATA,
                    "file", e);
        }
        SmtpReply reply = SmtpReply.of(250, "2.0.0 written to " + target);
        List<RecipientOutcome> outcomes = new ArrayList<>();
        for (Mailbox r : request.envelope().recipients()) {
            outcomes.add(RecipientOutcome.delivered(r, reply, "file"));
        }
        return new DeliveryReport(outcomes);
    }

    @Override
    public void close() {
    }
}
