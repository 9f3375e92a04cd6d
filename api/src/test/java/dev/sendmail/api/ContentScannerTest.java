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
}
