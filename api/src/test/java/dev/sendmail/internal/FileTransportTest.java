package dev.sendmail.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.DeliveryReport;
import dev.sendmail.api.Envelope;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MessageContent;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.SendRequest;
import dev.sendmail.spi.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTransportTest {

    @TempDir
    Path dir;

    @Test
    void writesOneFileWithEnvelopeAndContent() throws Exception {
        Path out = dir.resolve("outbox");
        TransportSettings settings = TransportSettings.builder().property("dir", out.toString()).build();
        try (Transport t = Providers.transports().select(Optional.of("file")).create(settings)) {
            String message = "Subject: hi\r\n\r\nbody\r\n";
            DeliveryReport report = t.send(new SendRequest(MailHost.of("file"),
                    Envelope.of("alice@a.test", "bob@b.test", "carol@c.test"), MessageContent.of(message),
                    DeliveryOptions.DEFAULT, Instant.now().plusSeconds(10)));
            assertTrue(report.allDelivered());
            assertEquals(2, report.outcomes().size());
            List<Path> files;
            try (Stream<Path> s = Files.list(out)) {
                files = s.toList();
            }
            assertEquals(1, files.size(), "no temporary file may be left behind");
            assertTrue(files.get(0).getFileName().toString().endsWith(".eml"));
            String written = Files.readString(files.get(0), StandardCharsets.UTF_8);
            assertEquals("X-Envelope-From: <alice@a.test>\r\nX-Envelope-To: <bob@b.test>\r\n"
                    + "X-Envelope-To: <carol@c.test>\r\n" + message, written);
        }
    }

    @Test
    void nullSenderIsWrittenAsEmptyPath() throws Exception {
        TransportSettings settings = TransportSettings.builder().property("dir", dir.toString()).build();
        try (Transport t = new FileTransportProvider().create(settings)) {
            t.send(new SendRequest(MailHost.of("file"), Envelope.of("<>", "bob@b.test"), MessageContent.of("x\r\n"),
                    DeliveryOptions.DEFAULT, Instant.now().plusSeconds(10)));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(Files.readString(s.findFirst().orElseThrow()).startsWith("X-Envelope-From: <>\r\n"));
        }
    }

    @Test
    void everyLineEndingIsWrittenAsCrlf() throws Exception {
        TransportSettings settings = TransportSettings.builder().property("dir", dir.toString()).build();
        try (Transport t = new FileTransportProvider().create(settings)) {
            t.send(new SendRequest(MailHost.of("file"), Envelope.of("a@a.test", "b@b.test"),
                    MessageContent.of("Subject: s\r\n\nline one\nline two\rline three\r\nlast"),
                    DeliveryOptions.DEFAULT, Instant.now().plusSeconds(10)));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals("X-Envelope-From: <a@a.test>\r\nX-Envelope-To: <b@b.test>\r\n"
                    + "Subject: s\r\n\r\nline one\r\nline two\r\nline three\r\nlast\r\n",
                    Files.readString(s.findFirst().orElseThrow()));
        }
    }
}
