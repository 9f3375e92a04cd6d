package dev.sendmail.api;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Text in canonical form (RFC 2046 4.1.1): every bare LF and bare CR becomes CRLF, and text that does not
 * end with a line break gets one. Streams; nothing is held beyond one pending octet.
 */
final class CrlfInputStream extends FilterInputStream {

    private int pending = -1;     // an octet read ahead, or -1
    private boolean emitLf;       // the LF of a CRLF still to give
    private int last = -1;        // the last octet given, -1 before the first
    private boolean eof;
    private boolean finalDone;

    CrlfInputStream(InputStream in) {
        super(new BufferedInputStream(in, 64 * 1024));
    }

    @Override
    public int read() throws IOException {
        if (emitLf) {
            emitLf = false;
            return last = '\n';
        }
        int c = pending >= 0 ? pending : eof ? -1 : in.read();
        pending = -1;
        if (c < 0) {
            eof = true;
            if (!finalDone && last >= 0 && last != '\n') {
                finalDone = true;
                emitLf = true;
                return last = '\r';
            }
            return -1;
        }
        if (c == '\r') {
            int next = in.read();
            if (next < 0) {
                eof = true;
            } else if (next != '\n') {
                pending = next;
            }
            emitLf = true;
            return last = '\r';
        }
        if (c == '\n') {
            emitLf = true;
            return last = '\r';
        }
        return last = c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                break;
            }
            b[off + n++] = (byte) c;
        }
        return n == 0 ? -1 : n;
    }

    @Override
    public long skip(long n) throws IOException {
        long k = 0;
        while (k < n && read() >= 0) {
            k++;
        }
        return k;
    }

    @Override
    public int available() {
        return emitLf || pending >= 0 ? 1 : 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
