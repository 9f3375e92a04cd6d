package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.SmtpReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracePrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void dialogueWithMultiLineRepliesAndRedaction() {
        TracePrinter t = new TracePrinter(err, true);
        t.connected("mx.b.test", new InetSocketAddress("127.0.0.1", 25));
        t.connected("mx.b.test", InetSocketAddress.createUnresolved("mx.b.test", 587));
        t.command("mx.b.test", "EHLO client.test");
        t.reply("mx.b.test", SmtpReply.of(250, List.of("mx.b.test", "PIPELINING", "AUTH PLAIN")));
        t.command("mx.b.test", "AUTH PLAIN AGFsaWNlAHNlY3JldA==");
        t.command("mx.b.test", "auth login");
        t.tlsEstablished("mx.b.test", "TLSv1.3", "TLS_AES_128_GCM_SHA256");
        t.note("mx.b.test", "line one\r\nline two");
        assertEquals("""
                send-mail: [mx.b.test] connected to 127.0.0.1 port 25
                send-mail: [mx.b.test] connected to mx.b.test port 587
                send-mail: [mx.b.test] -> EHLO client.test
                send-mail: [mx.b.test] <- 250-mx.b.test
                send-mail: [mx.b.test] <- 250-PIPELINING
                send-mail: [mx.b.test] <- 250 AUTH PLAIN
                send-mail: [mx.b.test] -> AUTH PLAIN ****
                send-mail: [mx.b.test] -> auth login
                send-mail: [mx.b.test] TLS established: TLSv1.3, TLS_AES_128_GCM_SHA256
                send-mail: [mx.b.test] line one  line two
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verboseShowsConnectionsAndNotesButNotTheDialogue() {
        TracePrinter t = new TracePrinter(err, false);
        t.command("h", "MAIL FROM:<a@a.test>");
        t.reply("h", SmtpReply.of(250, "ok"));
        t.note("h", "trying the next host");
        assertEquals("send-mail: [h] trying the next host\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
