package dev.sendmail.dkim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streamed body canonicalizer against a plain whole-body reading of RFC 6376 sections 3.4.3 and 3.4.4 (split
 * into lines, rewrite each, drop trailing empty lines), on seeded random bodies cut into random chunks: the fast
 * path (canonical runs hashed in place) and the per-octet path must give the same hash wherever the chunks end.
 */
class BodyCanonicalizerTest {

    private static final long SEED = 0xD1C1_2026L;
    /** Weighted towards what needs rewriting; 0x01 and 0xE9 are content. */
    private static final byte[] ALPHABET = "aaaaaaaaaaBBBBBB      \t\t\r\r\r\n\n\n\u0001\u00e9.".getBytes(StandardCharsets.ISO_8859_1);

    /** The canonical body as the RFC describes it, computed on the whole body at once. */
    static byte[] reference(byte[] body, boolean relaxed) {
        String s = new String(body, StandardCharsets.ISO_8859_1);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                line.append(c);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString()); // an unterminated last line is ended, as on the wire
        }
        if (relaxed) {
            lines.replaceAll(l -> l.replaceAll("[ \t]+", " ").replaceAll(" $", ""));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        StringBuilder out = new StringBuilder();
        for (String l : lines) {
            out.append(l).append("\r\n");
        }
        if (!relaxed && lines.isEmpty()) {
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] streamed(byte[] body, Canonicalization c, Random cuts) {
        BodyCanonicalizer b = new BodyCanonicalizer(c, DkimSigner.sha256());
        int i = 0;
        while (i < body.length) {
            int n = Math.min(body.length - i, cuts.nextInt(4) == 0 ? cuts.nextInt(4) : cuts.nextInt(3000));
            // the chunk is copied into a larger array at an offset, as a reader's buffer would hold it
            byte[] buf = new byte[n + 16];
            System.arraycopy(body, i, buf, 5, n);
            b.update(buf, 5, n);
            i += n;
        }
        return b.finish();
    }

    private static byte[] sha256(byte[] data) {
        return DkimSigner.sha256().digest(data);
    }

    private static byte[] randomBody(Random r) {
        int shape = r.nextInt(4);
        StringBuilder sb = new StringBuilder();
        int len = shape == 0 ? r.nextInt(12) : r.nextInt(shape == 3 ? 9000 : 400);
        for (int i = 0; i < len; i++) {
            if (shape == 3 && r.nextInt(10) != 0) {
                // long stretches that are canonical already: words, single spaces, CRLF lines
                sb.append(r.nextInt(12) == 0 ? "\r\n" : r.nextInt(6) == 0 ? " " : "w");
            } else {
                sb.append((char) (ALPHABET[r.nextInt(ALPHABET.length)] & 0xFF));
            }
        }
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void randomBodiesInRandomChunksHashAsTheWholeBodyReading() {
        Random r = new Random(SEED);
        for (int n = 0; n < 20_000; n++) {
            byte[] body = randomBody(r);
            for (Canonicalization c : Canonicalization.values()) {
                byte[] expected = sha256(reference(body, c == Canonicalization.RELAXED));
                byte[] actual = streamed(body, c, r);
                if (!MessageDigest.isEqual(expected, actual)) {
                    assertEquals(new String(reference(body, c == Canonicalization.RELAXED), StandardCharsets.ISO_8859_1),
                            "(hash differs)", "seed " + SEED + " case " + n + " " + c + " body "
                                    + HexFormat.of().formatHex(body));
                }
            }
        }
    }

    @Test
    void aLargeCanonicalBodyCutAtEveryOffsetAroundALineEnd() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            sb.append("The quick brown fox jumps over the lazy dog ").append(i).append("\r\n");
        }
        sb.append("tab\there  and  two spaces \r\n\r\n\r\n");
        byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
        for (Canonicalization c : Canonicalization.values()) {
            byte[] expected = sha256(reference(body, c == Canonicalization.RELAXED));
            for (int cut = 40; cut < 60; cut++) {
                BodyCanonicalizer b = new BodyCanonicalizer(c, DkimSigner.sha256());
                b.update(body, 0, cut);
                b.update(body, cut, body.length - cut);
                assertArrayEquals(expected, b.finish(), c + " cut at " + cut);
            }
        }
    }
}
