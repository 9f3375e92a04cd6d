package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.SmtpReply;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads SMTP replies (RFC 5321 4.2) with hard bounds, so a hostile server cannot exhaust memory: a line longer
 * than {@code maxLine} octets or a reply longer than {@code maxOctets} is a protocol violation; of a reply with
 * more than {@code maxLines} lines, the first {@code maxLines} are kept and the rest are read, counted and
 * dropped (a 20,000-line EHLO reply is odd, not wrong; what matters in it comes first). Every
 * read from the source gets the time left in the caller's budget. Lines may end in CRLF or a bare LF; the codes
 * of a multi-line reply must all be the same. Control characters in the text become {@code ?}, so a reply
 * shown in a trace cannot drive a terminal.
 */
final class ReplyReader {

    /** Where octets come from. */
    interface Source {
        /** Reads at most {@code len} octets, waiting at most {@code timeoutMillis}; -1 at end of stream. */
        int read(byte[] b, int off, int len, int timeoutMillis) throws IOException;
    }

    /** How long the next read may wait; throws once the budget is spent. */
    interface Budget {
        int nextTimeoutMillis() throws IOException;
    }

    static final int DEFAULT_MAX_LINE = 2048;
    static final int DEFAULT_MAX_LINES = 100;
    /** Far more than any sane reply (a 20,000-line EHLO reply is 1.4 MB); far less than a heap. */
    static final long DEFAULT_MAX_OCTETS = 4L << 20;

    private final Source source;
    private final int maxLine;
    private final int maxLines;
    private final long maxOctets;
    private int dropped;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private final byte[] line;

    ReplyReader(Source source) {
        this(source, DEFAULT_MAX_LINE, DEFAULT_MAX_LINES);
    }

    ReplyReader(Source source, int maxLine, int maxLines) {
        this(source, maxLine, maxLines, DEFAULT_MAX_OCTETS);
    }

    ReplyReader(Source source, int maxLine, int maxLines, long maxOctets) {
        this.source = source;
        this.maxLine = maxLine;
        this.maxLines = maxLines;
        this.maxOctets = maxOctets;
        this.line = new byte[maxLine];
    }

    /** Reads one complete reply. */
    SmtpReply read(Budget budget) throws IOException {
        List<String> texts = new ArrayList<>(4);
        int code = -1;
        long octets = 0;
        dropped = 0;
        while (true) {
            int n = readLine(budget, code >= 0);
            octets += n + 1;
            if (octets > maxOctets) {
                throw new MalformedReplyException("reply longer than " + maxOctets + " octets");
            }
            if (n < 3) {
                throw new MalformedReplyException("malformed reply line: " + printable(n));
            }
            int c = parseCode(n);
            if (code >= 0 && c != code) {
                throw new MalformedReplyException("reply lines with different codes (" + code + ", " + c + ")");
            }
            code = c;
            boolean last;
            if (n == 3) {
                last = true;
            } else if (line[3] == ' ') {
                last = true;
            } else if (line[3] == '-') {
                last = false;
            } else {
                throw new MalformedReplyException("malformed reply line: " + printable(n));
            }
            if (texts.size() < maxLines) {
                texts.add(n > 4 ? text(4, n) : "");
            } else {
                dropped++;
            }
            if (last) {
                return SmtpReply.of(code, texts);
            }
        }
    }

    /** How many lines of the last reply were read and dropped (beyond {@code maxLines}). */
    int droppedLines() {
        return dropped;
    }

    /** Octets received but not yet consumed by a reply. */
    int buffered() {
        return limit - pos;
    }

    /** Drops everything buffered (after STARTTLS: nothing read before the handshake may count). */
    int discardBuffered() {
        int n = limit - pos;
        pos = 0;
        limit = 0;
        return n;
    }

    /** Reads a line into {@link #line} without its line ending; returns its length. */
    private int readLine(Budget budget, boolean midReply) throws IOException {
        int n = 0;
        while (true) {
            if (pos == limit) {
                int r = readSome(budget);
                if (r < 0) {
                    throw new EOFException(midReply || n > 0 ? "connection closed in the middle of a reply"
                            : "connection closed by server");
                }
                pos = 0;
                limit = r;
            }
            while (pos < limit) {
                byte b = buf[pos++];
                if (b == '\n') {
                    if (n > 0 && line[n - 1] == '\r') {
                        n--;
                    }
                    return n;
                }
                if (n == maxLine) {
                    throw new MalformedReplyException("reply line longer than " + maxLine + " octets");
                }
                line[n++] = b;
            }
        }
    }

    /** Reads until data or end of stream; the budget, not the socket, decides when time is up (and says so). */
    private int readSome(Budget budget) throws IOException {
        while (true) {
            int timeout = budget.nextTimeoutMillis();
            try {
                return source.read(buf, 0, buf.length, timeout);
            } catch (java.net.SocketTimeoutException e) {
                // ask the budget again: it throws with the right message once it is spent
            }
        }
    }

    private int parseCode(int n) throws MalformedReplyException {
        int d0 = line[0] - '0';
        int d1 = line[1] - '0';
        int d2 = line[2] - '0';
        if (d0 < 2 || d0 > 5 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
            throw new MalformedReplyException("malformed reply line: " + printable(n));
        }
        return d0 * 100 + d1 * 10 + d2;
    }

    private String text(int from, int to) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .decode(ByteBuffer.wrap(line, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            s = new String(line, from, to - from, StandardCharsets.ISO_8859_1);
        }
        return ControlCharacters.neutral(s);
    }

    private String printable(int n) {
        String t = text(0, Math.min(n, 80));
        return "'" + t + (n > 80 ? "..." : "") + "'";
    }
}
