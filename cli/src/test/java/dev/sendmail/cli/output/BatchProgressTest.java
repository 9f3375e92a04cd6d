package dev.sendmail.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BatchProgressTest {

    @Test
    void theLineSaysCountFailuresRateAndTimeLeft() {
        assertEquals("send-mail: 50/100, 2 not delivered, 5/s, 0:10 left", BatchProgress.line(50, 2, 100, 10.0));
        assertEquals("send-mail: 100/3100, 0 not delivered, 1/s, 50:00 left", BatchProgress.line(100, 0, 3100, 100.0));
        assertEquals("send-mail: 7/7, 0 not delivered, 7/s", BatchProgress.line(7, 0, 7, 1.0));
    }

    @Test
    void nothingIsShownWhenNotAskedAndTheLastLineIsClearedAtTheEnd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        BatchProgress hidden = BatchProgress.create(err, false, 2);
        hidden.done(true);
        hidden.done(false);
        hidden.clear();
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));

        BatchProgress shown = BatchProgress.create(err, true, 2);
        shown.done(true);
        shown.done(false);
        shown.clear();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("send-mail: 2/2, 1 not delivered"), out);
        assertTrue(out.endsWith("\r\033[K"), "cleared at the end: " + out);
    }

    @Test
    void shownOnlyWhenStdoutAndStderrAreBothTerminalsAndNotQuietOrTracing() {
        assertTrue(BatchProgress.shows(true, true, false, false));
        assertFalse(BatchProgress.shows(false, true, false, false), "stdout redirected (--json > file, a pipe)");
        assertFalse(BatchProgress.shows(true, false, false, false), "stderr redirected (2> log)");
        assertFalse(BatchProgress.shows(false, false, false, false), "cron: neither is a terminal");
        assertFalse(BatchProgress.shows(true, true, true, false), "-q");
        assertFalse(BatchProgress.shows(true, true, false, true), "--trace");
    }
}
