package dev.sendmail.transport.socket.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sendmail.api.SmtpReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs for the reply reader, the capability parser and the DATA encoder (issue: fault and
 * fuzz testing). Each property is checked on thousands of generated inputs; a failure names the seed and the
 * case so it can be replayed.
 */
class ParserFuzzTest {

    private static final long SEED = 0x5EED_2026_1128L;
    private static final ReplyReader.Budget BUDGET = () -> 1000;

    // ---------------------------------------------------------------------------------------------- replies

    @Test
    void replyReaderOnlyReturnsBoundedRepliesOrThrowsItsOwnFailures() {
        Random random = new Random(SEED);
        int replies = 0;
        int malformed = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = randomReplies(random);
            ByteArrayInputStream in = new ByteArrayInputStream(input);
            int chunk = 1 + random.nextInt(64);
            ReplyReader reader = new ReplyReader((b, off, len, t) -> in.read(b, off, Math.min(len, chunk)), 128, 8);
            try {
                while (true) {
                    SmtpReply r = reader.read(BUDGET);
                    replies++;
                    assertTrue(r.code() >= 200 && r.code() <= 599, "seed " + SEED + " case " + i);
                    assertTrue(r.lines().size() <= 8, "seed " + SEED + " case " + i + ": line bound");
                    for (String line : r.lines()) {
                        assertTrue(line.length() <= 128, "seed " + SEED + " case " + i + ": length bound");
                        assertTrue(line.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7F),
                                "seed " + SEED + " case " + i + ": control character in " + line);
                    }
                }
            } catch (MalformedReplyException e) {
                malformed++;
                assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\r"), e.getMessage());
            } catch (EOFException e) {
                // the input ran out: expected at the end of every case
            } catch (IOException | RuntimeException e) {
                fail("seed " + SEED + " case " + i + ": unexpected " + e, e);
            }
        }
        assertTrue(replies > 5_000 && malformed > 1_000, "the generator must produce both good and bad replies: "
                + replies + " good, " + malformed + " malformed");
    }

    private static byte[] randomReplies(Random random) {
        StringBuilder sb = new StringBuilder();
        int count = 1 + random.nextInt(4);
        for (int r = 0; r < count; r++) {
            int code = 200 + random.nextInt(400);
            int lines = 1 + random.nextInt(random.nextInt(10) == 0 ? 12 : 3);
            for (int l = 0; l < lines; l++) {
                boolean last = l == lines - 1;
                sb.append(random.nextInt(20) == 0 ? code + 1 : code).append(last ? ' ' : '-');
                int len = random.nextInt(random.nextInt(20) == 0 ? 200 : 40);
                for (int c = 0; c < len; c++) {
                    sb.append((char) (0x20 + random.nextInt(0x5F)));
                }
                sb.append(random.nextInt(5) == 0 ? "\n" : "\r\n");
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        int flips = random.nextInt(3);
        for (int f = 0; f < flips && bytes.length > 0; f++) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    // ---------------------------------------------------------------------------------------------- EHLO

    @Test
    void capabilityParserAcceptsAnythingAndNormalizesKeywords() {
        Random random = new Random(SEED + 1);
        String[] words = {"PIPELINING", "size", "SIZE 10240000", "SIZE", "SIZE abc", "SIZE 99999999999999999999",
            "AUTH=LOGIN PLAIN", "auth cram-md5", "STARTTLS", "8bitmime", "SMTPUTF8", "DSN", "CHUNKING", "", " ",
            "=", "AUTH", "X-EXT a=b", "ENHANCEDSTATUSCODES"};
        for (int i = 0; i < 20_000; i++) {
            List<String> lines = new ArrayList<>();
            lines.add("mx.example greets you");
            int n = random.nextInt(12);
            for (int l = 0; l < n; l++) {
                String w = words[random.nextInt(words.length)];
                if (random.nextInt(4) == 0) {
                    StringBuilder junk = new StringBuilder(w);
                    junk.insert(random.nextInt(junk.length() + 1), (char) (0x21 + random.nextInt(0x5E)));
                    w = junk.toString();
                }
                lines.add(w);
            }
            Capabilities caps;
            try {
                caps = Capabilities.parse(SmtpReply.of(250, lines));
            } catch (RuntimeException e) {
                fail("seed " + (SEED + 1) + " case " + i + ": " + lines + " threw " + e, e);
                return;
            }
            for (String k : caps.keywords().keySet()) {
                assertEquals(k.toUpperCase(Locale.ROOT), k, "keywords are upper case");
                assertFalse(k.isEmpty());
            }
            assertTrue(caps.sizeLimit() >= 0, "seed " + (SEED + 1) + " case " + i);
            for (String m : caps.authMechanisms()) {
                assertEquals(m.toUpperCase(Locale.ROOT), m);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- DATA

    @Test
    void encoderRoundTripsAndNeverEmitsBareCrOrLf() throws IOException {
        Random random = new Random(SEED + 2);
        byte[] alphabet = {'a', 'b', '.', '.', '\r', '\n', '\r', '\n', ' ', (byte) 0xC3, (byte) 0xA9, 'Z'};
        for (int i = 0; i < 20_000; i++) {
            int len = random.nextInt(300);
            byte[] input = new byte[len];
            for (int b = 0; b < len; b++) {
                input[b] = alphabet[random.nextInt(alphabet.length)];
            }
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            DataEncoder encoder = new DataEncoder(new DataEncoder.Sink() {
                @Override
                public void write(byte[] b, int off, int n) {
                    wire.write(b, off, n);
                }

                @Override
                public void write(int b) {
                    wire.write(b);
                }
            }, true, 998);
            int off = 0;
            while (off < len) {
                int n = Math.min(len - off, 1 + random.nextInt(17));
                encoder.write(input, off, n);
                off += n;
            }
            encoder.finish();
            byte[] out = wire.toByteArray();
            String where = "seed " + (SEED + 2) + " case " + i;
            for (int b = 0; b < out.length; b++) {
                if (out[b] == '\r') {
                    assertTrue(b + 1 < out.length && out[b + 1] == '\n', where + ": bare CR at " + b);
                }
                if (out[b] == '\n') {
                    assertTrue(b > 0 && out[b - 1] == '\r', where + ": bare LF at " + b);
                }
            }
            assertArrayEquals(normalize(input), unstuff(out, where), where);
        }
    }

    /** Every line ending as CRLF, and an unterminated last line terminated. */
    private static byte[] normalize(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean midLine = false;
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r' || b == '\n') {
                out.write('\r');
                out.write('\n');
                midLine = false;
                if (b == '\r' && i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else {
                out.write(b);
                midLine = true;
            }
        }
        if (midLine) {
            out.write('\r');
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** What a server makes of DATA: lines up to the lone dot, one leading dot removed from the others. */
    private static byte[] unstuff(byte[] wire, String where) {
        String s = new String(wire, StandardCharsets.ISO_8859_1);
        assertTrue(s.endsWith(".\r\n") && (s.length() == 3 || s.endsWith("\r\n.\r\n")), where + ": terminator");
        String body = s.substring(0, s.length() - 3);
        StringBuilder sb = new StringBuilder();
        int start = 0;
        while (start < body.length()) {
            int end = body.indexOf("\r\n", start);
            String line = body.substring(start, end);
            assertFalse(line.equals("."), where + ": a lone dot inside the message would end it early");
            sb.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
            start = end + 2;
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
