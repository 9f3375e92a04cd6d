package dev.sendmail.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.SmtpReply;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptLinesTest {

    private final List<String> lines = new ArrayList<>();

    @Test
    void dialogueWithMultiLineRepliesAndRedaction() {
        TranscriptListener t = TranscriptListener.lines(lines::add, true);
        t.connected("mx.b.test", new InetSocketAddress("127.0.0.1", 25));
        t.connected("mx.b.test", InetSocketAddress.createUnresolved("mx.b.test", 587));
        t.command("mx.b.test", "EHLO client.test");
        t.reply("mx.b.test", SmtpReply.of(250, List.of("mx.b.test", "PIPELINING", "AUTH PLAIN")));
        t.command("mx.b.test", "AUTH PLAIN AGFsaWNlAHNlY3JldA==");
        t.command("mx.b.test", "auth login");
        t.tlsEstablished("mx.b.test", "TLSv1.3", "TLS_AES_128_GCM_SHA256");
        t.note("mx.b.test", "line one\r\nline two");
        t.note(null, "no host");
        t.note("mx.b.test", "separator\u2028next\u0085line");
        assertEquals(List.of(
                "[mx.b.test] connected to 127.0.0.1 port 25",
                "[mx.b.test] connected to mx.b.test port 587",
                "[mx.b.test] -> EHLO client.test",
                "[mx.b.test] <- 250-mx.b.test",
                "[mx.b.test] <- 250-PIPELINING",
                "[mx.b.test] <- 250 AUTH PLAIN",
                "[mx.b.test] -> AUTH PLAIN ****",
                "[mx.b.test] -> auth login",
                "[mx.b.test] TLS established: TLSv1.3, TLS_AES_128_GCM_SHA256",
                "[mx.b.test] line one  line two",
                "[-] no host",
                "[mx.b.test] separator next line"), lines);
    }

    @Test
    void withoutTheDialogueOnlyConnectionsTlsAndNotes() {
        TranscriptListener t = TranscriptListener.lines(lines::add, false);
        t.command("h", "MAIL FROM:<a@a.test>");
        t.reply("h", SmtpReply.of(250, "ok"));
        t.note("h", "trying the next host");
        assertEquals(List.of("[h] trying the next host"), lines);
    }
}
