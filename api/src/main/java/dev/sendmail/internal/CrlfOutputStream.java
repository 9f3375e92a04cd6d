package dev.sendmail.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes every line ending as CRLF, as a message travels on the wire (RFC 5322 2.3): a bare LF and a bare CR
 * each become CRLF, CRLF stays. {@link #finish()} ends an unterminated last line.
 */
final class CrlfOutputStream extends FilterOutputStream {

    private boolean pendingCr;
    private boolean any;
    private boolean lastWasEol;

    CrlfOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    out.write('\n'); // the CR was written; complete the CRLF
                    start = i + 1;
                    lastWasEol = true;
                    continue;
                }
                out.write('\n'); // a bare CR: add its LF
            }
            if (c == '\r') {
                out.write(b, start, i - start);
                out.write('\r');
                pendingCr = true;
                start = i + 1;
            } else if (c == '\n') {
                out.write(b, start, i - start);
                out.write(CRLF);
                start = i + 1;
                lastWasEol = true;
                continue;
            }
            lastWasEol = false;
        }
        out.write(b, start, end - start);
        any |= len > 0;
    }

    /** Completes a pending CR and ends the last line when it has no line ending. */
    void finish() throws IOException {
        if (pendingCr) {
            pendingCr = false;
            out.write('\n');
        } else if (any && !lastWasEol) {
            out.write(CRLF);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
