package dev.sendmail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sendmail.api.MessageContent;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchMessageTest {

    private static String body(byte[] message) {
        String s = new String(message, StandardCharsets.US_ASCII);
        int blank = s.indexOf("\r\n\r\n");
        assertTrue(blank > 0, "headers end with a blank line");
        return s.substring(blank + 4);
    }

    @Test
    void bodyHasExactlyTheRequestedSizeInShortCrlfLines() {
        for (long size : new long[] {0, 2, 3, 79, 80, 81, 82, 161, 1024, 102400, 102401}) {
            String body = body(BenchMessage.bytes(size, "a@example.test", "b@example.test"));
            assertEquals(size, body.length(), "size " + size);
            for (String line : body.split("\r\n", -1)) {
                assertTrue(line.length() <= 79, "size " + size + ": line of " + line.length());
                assertTrue(line.indexOf('\r') < 0 && line.indexOf('\n') < 0, "size " + size + ": bare CR or LF");
            }
        }
        // a body of one octet cannot end in CRLF: it comes out as CRLF alone, one octet over
        assertEquals("\r\n", body(BenchMessage.bytes(1, "a@example.test", "b@example.test")));
    }

    @Test
    void variantsForTheEncoderBenchmarks() {
        String lf = body(BenchMessage.bytes(8000, "a@example.test", "b@example.test", BenchMessage.Body.LF));
        assertTrue(lf.indexOf('\r') < 0, "an LF body has no CR");
        assertTrue(lf.split("\n").length > 90);
        assertEquals(8000, lf.length());
        String dots = body(BenchMessage.bytes(8000, "a@example.test", "b@example.test", BenchMessage.Body.DOTS));
        for (String line : dots.split("\r\n")) {
            assertTrue(line.startsWith("."), "every line starts with a dot: " + line);
        }
    }

    @Test
    void largeMessagesAreStreamedFromAFile() throws Exception {
        long size = BenchMessage.IN_MEMORY_LIMIT + 1000;
        MessageContent content = BenchMessage.create(size, "a@example.test", "b@example.test");
        assertInstanceOf(MessageContent.FileContent.class, content);
        long headers = BenchMessage.bytes(0, "a@example.test", "b@example.test").length
                - Long.toString(0).length() + Long.toString(size).length(); // the Message-Id names the size
        assertEquals(headers + size, content.size().getAsLong());
        try (InputStream in = content.open()) {
            assertEquals(headers + size, in.transferTo(java.io.OutputStream.nullOutputStream()));
        }
    }
}
