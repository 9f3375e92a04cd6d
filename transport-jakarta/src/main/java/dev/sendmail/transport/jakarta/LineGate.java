package dev.sendmail.transport.jakarta;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between a socket's input and Angus's buffered reader and keeps the dialogue in step: each read hands out at
 * most one line, so Angus's buffer never holds more than the reply it asked for, and whatever else arrived stays
 * here where {@link #unread} sees it. Angus writes a command only after reading every reply due (it does not
 * pipeline), so octets unread when it writes were sent when no reply was due.
 *
 * <p>Used by the one thread that talks over the connection.
 */
final class LineGate {

    /** Continuation lines of one reply handed to Angus; later ones are dropped. */
    static final int MAX_CONTINUATION_LINES = 100;

    /** Counts octets as they arrive from the socket (the read budget); may refuse them. */
    interface Meter {
        void count(int octets) throws IOException;
    }

    private final InputStream raw;
    private final Meter meter;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    private boolean lines = true;
    private boolean atLineStart = true;
    private boolean dropLine;
    private int continuationLines;
    private long droppedLines;

    LineGate(InputStream raw, Meter meter) {
        this.raw = raw;
        this.meter = meter;
    }

    /**
     * Up to {@code len} octets, never past the end of a line unless the gate was opened. Continuation lines of a
     * reply beyond the first {@link #MAX_CONTINUATION_LINES} are read and dropped, never handed to Angus, which
     * would keep them all in memory (a 20,000-line EHLO reply is odd, not wrong; what matters in it comes first).
     */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pos == limit) {
                if (!lines) {
                    int n = raw.read(b, off, len);
                    if (n > 0) {
                        meter.count(n);
                    }
                    return n;
                }
                int n = fill(0);
                if (n <= 0) {
                    return n;
                }
            }
            if (!lines) {
                int n = Math.min(len, limit - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            if (atLineStart) {
                classifyLine();
            }
            int nl = indexOfNewline();
            if (dropLine) {
                pos = nl < 0 ? limit : nl + 1;
                atLineStart = nl >= 0;
                continue;
            }
            int end = nl < 0 ? limit : nl + 1;
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            atLineStart = pos == nl + 1;
            return n;
        }
    }

    /** How many continuation lines were dropped so far. */
    long droppedLines() {
        return droppedLines;
    }

    /** Decides, at the start of a line, whether it is a continuation line past the bound. */
    private void classifyLine() throws IOException {
        while (limit - pos < 4 && indexOfNewline() < 0) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
            }
            if (fill(limit) <= 0) {
                break; // the end of the stream: hand out what there is
            }
        }
        atLineStart = false;
        boolean continuation = limit - pos >= 4 && digit(buf[pos]) && digit(buf[pos + 1]) && digit(buf[pos + 2])
                && buf[pos + 3] == '-';
        if (continuation) {
            continuationLines++;
            dropLine = continuationLines > MAX_CONTINUATION_LINES;
            if (dropLine) {
                droppedLines++;
            }
        } else {
            continuationLines = 0;
            dropLine = false;
        }
    }

    /** Reads more into {@code buf} from {@code at}; returns the octets read, or -1 at the end of the stream. */
    private int fill(int at) throws IOException {
        int n = raw.read(buf, at, buf.length - at);
        if (n > 0) {
            meter.count(n);
            if (at == 0) {
                pos = 0;
            }
            limit = at + n;
        }
        return n;
    }

    private int indexOfNewline() {
        for (int i = pos; i < limit; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Octets received and not yet handed out: those held here and those the stream has ready. */
    int unread() throws IOException {
        return limit - pos + raw.available();
    }

    int held() {
        return limit - pos;
    }

    /** Drops what is held and lets octets through untouched from now on; returns how many were dropped. */
    int dropAndOpen() {
        int dropped = limit - pos;
        pos = 0;
        limit = 0;
        lines = false;
        return dropped;
    }

    /** An input stream reading through this gate. */
    InputStream stream() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = LineGate.this.read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return LineGate.this.read(b, off, len);
            }

            @Override
            public int available() throws IOException {
                return held() + raw.available();
            }

            @Override
            public void close() throws IOException {
                raw.close();
            }
        };
    }
}
