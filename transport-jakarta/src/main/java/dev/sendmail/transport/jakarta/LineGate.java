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

    LineGate(InputStream raw, Meter meter) {
        this.raw = raw;
        this.meter = meter;
    }

    /** Up to {@code len} octets, never past the end of a line unless the gate was opened. */
    int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (!lines) {
                int n = raw.read(b, off, len);
                if (n > 0) {
                    meter.count(n);
                }
                return n;
            }
            int n = raw.read(buf, 0, buf.length);
            if (n <= 0) {
                return n;
            }
            meter.count(n);
            pos = 0;
            limit = n;
        }
        int end = pos;
        int max = Math.min(limit, pos + len);
        while (end < max) {
            if (buf[end++] == '\n' && lines) {
                break;
            }
        }
        int n = end - pos;
        System.arraycopy(buf, pos, b, off, n);
        pos = end;
        return n;
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
