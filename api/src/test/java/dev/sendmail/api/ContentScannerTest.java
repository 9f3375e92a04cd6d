package dev.sendmail.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentScannerTest {

    private static ContentTraits scan(String s) throws Exception {
        return ContentScanner.scan(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wireSizeCountsEveryLineEndingAsCrlf() throws Exception {
        assertEquals(10, scan("ab\r\ncd\r\n\r\n").wireSize());
        assertEquals(10, scan("ab\ncd\n\n").wireSize());
        assertEquals(10, scan("ab\rcd\r\r").wireSize());
        assertEquals(4, scan("ab").wireSize(), "an unterminated last line gets its CRLF");
    }

    @Test
    void eightBitAndHeaders() throws Exception {
        ContentTraits ascii = scan("Subject: hi\n\nbody\n");
        assertFalse(ascii.eightBit());
        ContentTraits bodyOnly = scan("Subject: hi\n\nbödy\n");
        assertTrue(bodyOnly.eightBit());
        assertFalse(bodyOnly.nonAsciiHeaders());
        ContentTraits header = scan("Subject: hï\n\nbody\n");
        assertTrue(header.nonAsciiHeaders());
    }

    @Test
    void longestLineIsFoundAcrossBuffers() throws Exception {
        String line = "x".repeat(999);
        ContentTraits t = ContentScanner.scan(new ByteArrayInputStream(("a\n" + line + "\nb\n").getBytes()));
        assertEquals(999, t.longestLine());
        assertTrue(t.hasOverlongLine());
        ContentScanner s = new ContentScanner();
        byte[] half = "y".repeat(500).getBytes();
        s.update(half, 0, half.length);
        s.update(half, 0, half.length);
        assertEquals(1000, s.finish().longestLine());
        assertFalse(scan("x".repeat(998) + "\r\n").hasOverlongLine());
    }

    @Test
    void crlfSplitAcrossBuffersCountsOnce() {
        ContentScanner s = new ContentScanner();
        s.update("ab\r".getBytes(), 0, 3);
        s.update("\ncd\r\n".getBytes(), 0, 5);
        assertEquals(8, s.finish().wireSize());
    }

    @Test
    void nulIsReported() throws Exception {
        assertTrue(scan("a\u0000b\n").nulOctets());
    }

    @Test
    void randomContentSplitAnywhereMatchesASimpleModel() {
        long seed = 0xC0_2026L;
        java.util.Random random = new java.util.Random(seed);
        byte[] alphabet = {'a', '.', ' ', '\r', '\n', '\r', '\n', 0, (byte) 0xC3, (byte) 0xA9, '\t'};
        for (int i = 0; i < 20_000; i++) {
            byte[] in = new byte[random.nextInt(120)];
            for (int k = 0; k < in.length; k++) {
                in[k] = alphabet[random.nextInt(alphabet.length)];
            }
            ContentScanner s = new ContentScanner();
            int off = 0;
            while (off < in.length) {
                int n = Math.min(in.length - off, 1 + random.nextInt(9));
                s.update(in, off, n);
                off += n;
            }
            assertEquals(model(in), s.finish(), "seed " + seed + " case " + i);
        }
    }

    /** The traits computed the obvious way: split into lines first. */
    private static ContentTraits model(byte[] in) {
        java.util.List<int[]> lines = new java.util.ArrayList<>(); // {start, end}
        int start = 0;
        int i = 0;
        boolean lastTerminated = true;
        while (i < in.length) {
            if (in[i] == '\r' || in[i] == '\n') {
                lines.add(new int[] {start, i});
                i += in[i] == '\r' && i + 1 < in.length && in[i + 1] == '\n' ? 2 : 1;
                start = i;
                lastTerminated = true;
            } else {
                i++;
                lastTerminated = false;
            }
        }
        if (!lastTerminated) {
            lines.add(new int[] {start, in.length});
        }
        long size = 0;
        int longest = 0;
        boolean eight = false;
        boolean headerNonAscii = false;
        boolean nul = false;
        boolean headers = true;
        for (int[] l : lines) {
            int n = l[1] - l[0];
            size += n + 2;
            longest = Math.max(longest, n);
            for (int k = l[0]; k < l[1]; k++) {
                if (in[k] < 0) {
                    eight = true;
                    headerNonAscii |= headers;
                }
                nul |= in[k] == 0;
            }
            if (n == 0) {
                headers = false;
            }
        }
        return new ContentTraits(size, eight, headerNonAscii, longest, nul);
    }
}
