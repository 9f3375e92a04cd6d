package dev.sendmail.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineGateTest {

    /** A stream that returns at most {@code chunk} octets a read, so lines straddle reads. */
    private static InputStream chunked(String text, int chunk) {
        ByteArrayInputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
        return new InputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> lines(LineGate gate) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(gate.stream(), StandardCharsets.US_ASCII));
        List<String> out = new ArrayList<>();
        for (String l; (l = r.readLine()) != null; ) {
            out.add(l);
        }
        return out;
    }

    @Test
    void eachReadEndsAtALineEnd() throws IOException {
        LineGate gate = new LineGate(chunked("220 ready\r\n250 extra\r\n", 1000), n -> { });
        byte[] b = new byte[100];
        int n = gate.read(b, 0, b.length);
        assertEquals("220 ready\r\n", new String(b, 0, n, StandardCharsets.US_ASCII));
        assertEquals("250 extra\r\n".length(), gate.unread(), "the rest waits, visible");
    }

    @Test
    void continuationLinesBeyondTheBoundAreDropped() throws IOException {
        for (int chunk : new int[] {1, 3, 7, 8192}) {
            StringBuilder text = new StringBuilder("250-first\r\n");
            for (int i = 0; i < 20_000; i++) {
                text.append("250-X-FILLER-").append(i).append("\r\n");
            }
            text.append("250 last\r\n221-bye\r\n221 bye\r\n");
            LineGate gate = new LineGate(chunked(text.toString(), chunk), n -> { });
            List<String> got = lines(gate);
            assertEquals(LineGate.MAX_CONTINUATION_LINES + 1 + 2, got.size(), "chunk " + chunk);
            assertEquals("250-first", got.get(0));
            assertEquals("250-X-FILLER-" + (LineGate.MAX_CONTINUATION_LINES - 2), got.get(
                    LineGate.MAX_CONTINUATION_LINES - 1));
            assertEquals("250 last", got.get(LineGate.MAX_CONTINUATION_LINES));
            assertEquals(List.of("221-bye", "221 bye"), got.subList(got.size() - 2, got.size()),
                    "the count starts again with the next reply");
            assertEquals(20_001 - LineGate.MAX_CONTINUATION_LINES, gate.droppedLines());
        }
    }

    @Test
    void theMeterSeesDroppedOctetsToo() {
        String text = "250-xxxxxxxxxxxxxxxx\r\n".repeat(1000) + "250 end\r\n";
        long[] seen = {0};
        LineGate gate = new LineGate(chunked(text, 512), n -> {
            seen[0] += n;
            if (seen[0] > 10_000) {
                throw new IOException("budget");
            }
        });
        assertThrows(IOException.class, () -> lines(gate));
    }

    @Test
    void onceOpenedOctetsPassUntouched() throws IOException {
        LineGate gate = new LineGate(chunked("220 go\r\ninjected\r\n\u0016\u0003\u0001binary", 1000), n -> { });
        byte[] b = new byte[100];
        gate.read(b, 0, b.length);
        assertEquals("injected\r\n\u0016\u0003\u0001binary".length(), gate.dropAndOpen());
        assertEquals(-1, gate.read(b, 0, b.length));
    }
}
