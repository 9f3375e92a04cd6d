package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** What a single send's display prints for one connection, then cleared. */
    private String shownForOneConnection(Progress p) {
        bytes.reset();
        p.connected("mx.b.test", new InetSocketAddress("127.0.0.1", 25));
        p.clear();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSingleSendShowsItOnlyOnATerminalOnlyForLongWorkNeverWhenQuiet() {
        assertEquals("", shownForOneConnection(Progress.forMessage(err, false, false, 100, 1 << 30)), "not a terminal");
        assertEquals("", shownForOneConnection(Progress.forMessage(err, true, true, 100, 1 << 30)), "quiet");
        assertEquals("", shownForOneConnection(Progress.forMessage(err, true, false, 3, 1000)), "short work");
        assertTrue(shownForOneConnection(Progress.forMessage(err, true, false, 10, 0)).contains("mx.b.test"),
                "many recipients");
        assertTrue(shownForOneConnection(Progress.forMessage(err, true, false, 1, 5L << 20)).contains("mx.b.test"),
                "a large message");
    }

    @Test
    void aSingleSendRewritesOneLineAndClearsIt() {
        Progress p = Progress.forMessage(err, true, false, 50, 0);
        p.connected("mx1.b.test", new InetSocketAddress("127.0.0.1", 25));
        p.connected("mx2.b.test\r\nevil", new InetSocketAddress("127.0.0.1", 25));
        p.clear();
        assertEquals("\r\033[Ksend-mail: sending via mx1.b.test (connection 1)"
                + "\r\033[Ksend-mail: sending via mx2.b.test  evil (connection 2)\r\033[K",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theBatchLineSaysCountFailuresRateAndTimeLeft() {
        assertEquals("send-mail: 50/100, 2 not delivered, 5/s, 0:10 left", Progress.line(50, 2, 100, 10.0));
        assertEquals("send-mail: 100/3100, 0 not delivered, 1/s, 50:00 left", Progress.line(100, 0, 3100, 100.0));
        assertEquals("send-mail: 7/7, 0 not delivered, 7/s", Progress.line(7, 0, 7, 1.0));
    }

    @Test
    void aBatchShowsNothingWhenNotAskedAndTheLastLineIsClearedAtTheEnd() {
        Progress hidden = Progress.forBatch(err, true, true, true, 2);
        hidden.done(true);
        hidden.done(false);
        hidden.clear();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));

        Progress shown = Progress.forBatch(err, true, true, false, 2);
        shown.done(true);
        shown.done(false);
        shown.clear();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("send-mail: 2/2, 1 not delivered"), out);
        assertTrue(out.endsWith("\r\033[K"), "cleared at the end: " + out);
    }

    /** What a batch's display of one message done prints, then cleared. */
    private String shownForOneMessage(Progress p) {
        bytes.reset();
        p.done(true);
        p.clear();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBatchShowsItOnlyWhenStdoutAndStderrAreBothTerminalsAndNotQuietOrTracing() {
        assertTrue(shownForOneMessage(Progress.forBatch(err, true, true, false, 1)).contains("1/1"));
        assertEquals("", shownForOneMessage(Progress.forBatch(err, false, true, false, 1)),
                "stdout redirected (--json > file, a pipe)");
        assertEquals("", shownForOneMessage(Progress.forBatch(err, true, false, false, 1)),
                "stderr redirected (2> log)");
        assertEquals("", shownForOneMessage(Progress.forBatch(err, false, false, false, 1)),
                "cron: neither is a terminal");
        assertEquals("", shownForOneMessage(Progress.forBatch(err, true, true, true, 1)), "-q or --trace");
    }
}
