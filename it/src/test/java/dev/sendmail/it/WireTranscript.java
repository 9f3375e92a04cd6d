package dev.sendmail.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits the bytes a client sent on one SMTP connection (recorded in plain text) into commands and
 * message payloads: DATA payloads as sent (still dot-stuffed, up to and without the final
 * {@code CRLF.CRLF}), BDAT chunks joined.
 */
final class WireTranscript {

    record Payload(boolean bdat, byte[] bytes) {
    }

    final List<String> commands = new ArrayList<>();
    final List<Payload> payloads = new ArrayList<>();

    WireTranscript(byte[] wire) {
        int pos = 0;
        ByteArrayOutputStream bdat = null;
        while (pos < wire.length) {
            int eol = indexOf(wire, "\r\n".getBytes(StandardCharsets.US_ASCII), pos);
            if (eol < 0) {
                throw new AssertionError("command without CRLF at byte " + pos + ": "
                        + new String(wire, pos, Math.min(80, wire.length - pos), StandardCharsets.ISO_8859_1));
            }
            String command = new String(wire, pos, eol - pos, StandardCharsets.UTF_8);
            if (command.indexOf('\n') >= 0 || command.indexOf('\r') >= 0) {
                throw new AssertionError("bare CR or LF inside the command " + command);
            }
            commands.add(command);
            pos = eol + 2;
            String upper = command.toUpperCase(Locale.ROOT);
            if (upper.equals("DATA")) {
                int end = indexOf(wire, "\r\n.\r\n".getBytes(StandardCharsets.US_ASCII), pos - 2);
                if (end < 0) {
                    throw new AssertionError("DATA without the final CRLF.CRLF");
                }
                // payload runs from after DATA's CRLF up to and including the CRLF before the final dot
                payloads.add(new Payload(false, java.util.Arrays.copyOfRange(wire, pos, end + 2)));
                pos = end + 5;
            } else if (upper.startsWith("BDAT ")) {
                String[] p = command.split(" +");
                int size = Integer.parseInt(p[1]);
                if (bdat == null) {
                    bdat = new ByteArrayOutputStream();
                }
                bdat.write(wire, pos, size);
                pos += size;
                if (p.length > 2 && p[2].equalsIgnoreCase("LAST")) {
                    payloads.add(new Payload(true, bdat.toByteArray()));
                    bdat = null;
                }
            }
        }
    }

    /** The payload that contains {@code token}. */
    Payload payloadWith(String token) {
        byte[] t = token.getBytes(StandardCharsets.US_ASCII);
        return payloads.stream().filter(p -> indexOf(p.bytes(), t, 0) >= 0).findFirst()
                .orElseThrow(() -> new AssertionError("no message payload with " + token + "; commands " + commands));
    }

    /** Undoes dot-stuffing (RFC 5321 4.5.2) of a DATA payload. */
    static byte[] unstuff(byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length);
        boolean lineStart = true;
        for (int i = 0; i < data.length; i++) {
            if (lineStart && data[i] == '.') {
                lineStart = false;
                continue;
            }
            b.write(data[i]);
            lineStart = data[i] == '\n';
        }
        return b.toByteArray();
    }

    /** Each line of a message as it must go out: CRLF after every line, including the last. */
    static byte[] crlf(byte[] message) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(message.length + 64);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n' && (i == 0 || message[i - 1] != '\r')) {
                b.write('\r');
            }
            b.write(message[i]);
        }
        if (message.length > 0 && message[message.length - 1] != '\n') {
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    /** Where a LF comes without CR before it, or a CR without LF after it; -1 when every line ends in CRLF. */
    static int firstBareLineBreak(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' && (i == 0 || b[i - 1] != '\r')) {
                return i;
            }
            if (b[i] == '\r' && (i + 1 >= b.length || b[i + 1] != '\n')) {
                return i;
            }
        }
        return -1;
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
