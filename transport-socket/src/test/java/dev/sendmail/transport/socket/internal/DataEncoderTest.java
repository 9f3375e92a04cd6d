package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.ContentScanner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataEncoderTest {

    /** Collects what the encoder writes. */
    static final class Collect implements DataEncoder.Sink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        String text() {
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String data(String in) throws IOException {
        return encode(in.getBytes(StandardCharsets.ISO_8859_1), true, 1);
    }

    /** Encodes {@code in}, written in pieces of {@code piece} octets. */
    private static String encode(byte[] in, boolean dots, int piece) throws IOException {
        Collect c = new Collect();
        DataEncoder e = new DataEncoder(c, dots, 998);
        for (int i = 0; i < in.length; i += piece) {
            e.write(in, i, Math.min(piece, in.length - i));
        }
        e.finish();
        return c.text();
    }

    @Test
    void crlfPassesThroughAndTheMessageIsTerminated() throws IOException {
        assertEquals("a\r\nb\r\n.\r\n", data("a\r\nb\r\n"));
    }

    @Test
    void bareLfAndBareCrBecomeCrlf() throws IOException {
        assertEquals("a\r\nb\r\nc\r\n\r\nd\r\n.\r\n", data("a\nb\rc\r\rd"));
        assertEquals("x\r\n\r\n.\r\n", data("x\n\r"), "LF then CR is two line endings");
        assertEquals("x\r\n\r\n.\r\n", data("x\r\r\n"), "CR then CRLF is two line endings");
    }

    @Test
    void smugglingSequencesNeverReachTheWireRaw() throws IOException {
        // CVE-2023-51764 style: a bare LF dot bare LF must not look like the end of data
        String out = data("Subject: x\r\n\r\nbody\n.\nMAIL FROM:<evil@example.org>\r\n");
        assertEquals("Subject: x\r\n\r\nbody\r\n..\r\nMAIL FROM:<evil@example.org>\r\n.\r\n", out);
        assertEquals(1, out.split("\r\n\\.\r\n", -1).length - 1, "exactly one end-of-data sequence");
        assertEquals("a\r\n..\r\nb\r\n.\r\n", data("a\r.\rb"));
    }

    @Test
    void leadingDotsAreDoubled() throws IOException {
        assertEquals("..\r\n...x\r\n.y.\r\n.\r\n".replace(".y.", "..y."), data(".\n..x\n.y."));
        assertEquals("..\r\n.\r\n", data("."));
    }

    @Test
    void anEmptyMessageIsJustTheTerminator() throws IOException {
        assertEquals(".\r\n", data(""));
    }

    @Test
    void bdatNormalisesLineEndingsButDoesNotStuff() throws IOException {
        assertEquals(".a\r\nb\r\n", encode(".a\nb".getBytes(StandardCharsets.US_ASCII), false, 3));
    }

    @Test
    void aLineOverTheLimitFails() {
        byte[] line = ("x".repeat(999) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThrows(DataEncoder.LineTooLongException.class, () -> encode(line, true, 100));
        byte[] ok = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        assertTrue(assertDoesNotFail(ok).startsWith("xxx"));
    }

    private static String assertDoesNotFail(byte[] b) {
        try {
            return encode(b, true, 100);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void octetCountMatchesTheScannersWireSizeForBdat() throws IOException {
        byte[] in = "a\rb\nc\r\n.d\n\nlast".getBytes(StandardCharsets.US_ASCII);
        Collect c = new Collect();
        DataEncoder e = new DataEncoder(c, false, 998);
        e.write(in, 0, in.length);
        e.finish();
        ContentScanner s = new ContentScanner();
        s.update(in, 0, in.length);
        assertEquals(s.finish().wireSize(), e.octets());
        assertEquals(c.out.size(), e.octets());
    }

    /** Random hostile inputs from a fixed seed (so a failure reproduces), written in random piece sizes. */
    @Test
    void everyLineEndingOnTheWireIsCrlfAndUnstuffingGivesTheNormalisedInput() throws IOException {
        java.util.Random random = new java.util.Random(20231224);
        byte[] alphabet = {'\r', '\n', '.', 'a', (byte) 0xC3, ' '};
        for (int round = 0; round < 2000; round++) {
            byte[] in = new byte[random.nextInt(200)];
            for (int i = 0; i < in.length; i++) {
                in[i] = alphabet[random.nextInt(alphabet.length)];
            }
            checkRoundTrip(in, 1 + random.nextInt(9));
        }
    }

    private static void checkRoundTrip(byte[] in, int piece) throws IOException {
        String out = encode(in, true, piece);
        assertEquals(out, encode(in, true, in.length + 1), "chunking does not change the output");
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\r') {
                assertTrue(i + 1 < out.length() && out.charAt(i + 1) == '\n', "bare CR at " + i);
            }
            if (out.charAt(i) == '\n') {
                assertTrue(i > 0 && out.charAt(i - 1) == '\r', "bare LF at " + i);
            }
        }
        assertTrue(out.equals(".\r\n") || out.indexOf("\r\n.\r\n") == out.length() - 5,
                "the only end-of-data sequence is the last one: " + out);
        // undo: strip the terminator, remove one leading dot per line
        String body = out.substring(0, out.length() - 3);
        StringBuilder unstuffed = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            unstuffed.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        String expected = new String(in, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace('\r', '\n')
                .replace("\n", "\r\n");
        if (!expected.isEmpty() && !expected.endsWith("\r\n")) {
            expected += "\r\n";
        }
        String got = unstuffed.substring(0, unstuffed.length() - 2);
        assertArrayEquals(expected.getBytes(StandardCharsets.ISO_8859_1), got.getBytes(StandardCharsets.ISO_8859_1));
    }
}
