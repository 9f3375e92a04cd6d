package dev.sendmail.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code TLS-Required: No} header field of RFC 8689 section 5: the sender asks that the recipient domains' TLS
 * policies (MTA-STS, DANE) not hold the message up; it goes with opportunistic TLS instead. Only the header
 * section is read, at most {@link #MAX_HEADER} octets.
 */
final class TlsRequiredField {

    /** The most octets of header read when looking for the field. */
    static final int MAX_HEADER = 256 * 1024;

    private TlsRequiredField() {
    }

    /**
     * Whether the header section has {@code TLS-Required: No} (the value compared without case, blanks and
     * comments-free, as RFC 8689 writes it).
     */
    static boolean saysNo(MessageContent content) {
        byte[] head;
        try (InputStream in = content.open()) {
            head = in.readNBytes(MAX_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int endLf = text.indexOf("\n\n");
        if (endLf >= 0 && (end < 0 || endLf < end)) {
            end = endLf;
        }
        String header = end < 0 ? text : text.substring(0, end);
        String[] lines = header.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].regionMatches(true, 0, "TLS-Required:", 0, 13)) {
                continue;
            }
            StringBuilder value = new StringBuilder(lines[i].substring(13));
            while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                value.append(lines[++i]);
            }
            if (value.toString().strip().toLowerCase(Locale.ROOT).equals("no")) {
                return true;
            }
        }
        return false;
    }
}
