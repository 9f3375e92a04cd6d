package dev.sendmail.bench;

import dev.sendmail.api.MessageContent;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test message shaped like smtp-source's: a few headers, a blank line, then {@code bodySize} octets of
 * 80-octet CRLF lines (one may have 81, so that the size comes out exact), or, for the encoder benchmarks, bare-LF
 * lines or lines that all start with a dot. Up to {@link #IN_MEMORY_LIMIT} it is held in memory (smtp-source holds its body in memory
 * too); above that it is written to a temporary file and streamed from there, so a 100 MB message never sits
 * in the heap.
 */
public final class BenchMessage {

    static final long IN_MEMORY_LIMIT = 16L * 1024 * 1024;

    /** How the body's lines look. */
    public enum Body {
        /** CRLF line endings, as a MIME composer writes them. */
        CRLF,
        /** Bare LF line endings, as a Unix file has them: every one becomes CRLF on the wire. */
        LF,
        /** CRLF lines that all start with '.': every one is dot-stuffed. */
        DOTS
    }
    private static final int LINE = 78;

    private BenchMessage() {
    }

    /** The message, with {@code from} and {@code to} in the headers. */
    static MessageContent create(long bodySize, String from, String to) {
        try {
            if (bodySize <= IN_MEMORY_LIMIT) {
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) bodySize + 512);
                write(out, bodySize, from, to, Body.CRLF);
                return MessageContent.of(out.toByteArray());
            }
            Path file = Files.createTempFile("send-mail-bench-", ".eml");
            file.toFile().deleteOnExit();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                write(out, bodySize, from, to, Body.CRLF);
            }
            return MessageContent.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw bytes of a small message (for plain Angus, which parses them into a MimeMessage). */
    static byte[] bytes(long bodySize, String from, String to) {
        return bytes(bodySize, from, to, Body.CRLF);
    }

    public static byte[] bytes(long bodySize, String from, String to, Body body) {
        if (bodySize > IN_MEMORY_LIMIT) {
            throw new IllegalArgumentException("message too large to hold in memory: " + bodySize);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) bodySize + 512);
        try {
            write(out, bodySize, from, to, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream out, long bodySize, String from, String to, Body body)
            throws IOException {
        String headers = "From: <" + from + ">\r\n"
                + "To: <" + to + ">\r\n"
                + "Date: Sat, 28 Nov 2026 12:00:00 +0000\r\n"
                + "Message-Id: <bench." + bodySize + "@example.test>\r\n"
                + "Subject: send-mail benchmark\r\n"
                + "\r\n";
        out.write(headers.getBytes(StandardCharsets.US_ASCII));
        byte[] line = new byte[body == Body.LF ? LINE + 1 : LINE + 2];
        for (int i = 0; i < LINE; i++) {
            line[i] = (byte) ('A' + i % 26);
        }
        if (body == Body.DOTS) {
            line[0] = '.';
        }
        if (body == Body.LF) {
            line[LINE] = '\n';
        } else {
            line[LINE] = '\r';
            line[LINE + 1] = '\n';
        }
        int eol = body == Body.LF ? 1 : 2;
        long left = bodySize;
        while (left >= line.length) {
            if (eol == 2 && left - line.length == 1) {
                // one octet would be left, too few for CRLF: make this line one octet longer instead
                out.write(line, 0, LINE);
                out.write('Z');
                out.write('\r');
                out.write('\n');
                left -= line.length + 1;
                continue;
            }
            out.write(line);
            left -= line.length;
        }
        if (left > 0) {
            // a short last line; only a body of one octet comes out one octet longer (a lone CRLF)
            out.write(line, 0, (int) Math.max(0, left - eol));
            out.write(line, LINE, eol);
        }
    }
}
