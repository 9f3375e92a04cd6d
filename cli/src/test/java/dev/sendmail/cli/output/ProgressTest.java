package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sendmail.spi.TranscriptListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void onlyOnATerminalOnlyForLongWorkNeverWhenQuiet() {
        assertSame(TranscriptListener.NONE, Progress.create(err, false, false, 100, 1 << 30), "not a terminal");
        assertSame(TranscriptListener.NONE, Progress.create(err, true, true, 100, 1 << 30), "quiet");
        assertSame(TranscriptListener.NONE, Progress.create(err, true, false, 3, 1000), "short work");
        assertInstanceOf(Progress.class, Progress.create(err, true, false, 10, 0), "many recipients");
        assertInstanceOf(Progress.class, Progress.create(err, true, false, 1, 5L << 20), "a large message");
        assertEquals(0, bytes.size());
    }

    @Test
    void rewritesOneLineAndClearsIt() {
        TranscriptListener p = Progress.create(err, true, false, 50, 0);
        p.connected("mx1.b.test", new InetSocketAddress("127.0.0.1", 25));
        p.connected("mx2.b.test\r\nevil", new InetSocketAddress("127.0.0.1", 25));
        Progress.clear(p);
        assertEquals("\r\033[Ksend-mail: sending via mx1.b.test (connection 1)"
                + "\r\033[Ksend-mail: sending via mx2.b.test  evil (connection 2)\r\033[K",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
