package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sendmail.api.SmtpReply;
import dev.sendmail.spi.TranscriptListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TracePrinterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void theApisLinesAfterTheProgramName() {
        TranscriptListener t = TracePrinter.create(err, true);
        t.command("mx.b.test", "AUTH PLAIN AGFsaWNlAHNlY3JldA==");
        t.reply("mx.b.test", SmtpReply.of(250, List.of("mx.b.test", "PIPELINING")));
        assertEquals("""
                send-mail: [mx.b.test] -> AUTH PLAIN ****
                send-mail: [mx.b.test] <- 250-mx.b.test
                send-mail: [mx.b.test] <- 250 PIPELINING
                """, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void verboseShowsNotesButNotTheDialogue() {
        TranscriptListener t = TracePrinter.create(err, false);
        t.command("h", "MAIL FROM:<a@a.test>");
        t.note("h", "trying the next host");
        assertEquals("send-mail: [h] trying the next host\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
