package dev.sendmail.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Computes {@link ContentTraits} in one streaming pass; memory use does not depend on the message size.
 * Line endings are counted as the CRLF they become on the wire: bare LF and bare CR each count as CRLF.
 */
public final class ContentScanner {

    private long wireSize;
    private boolean eightBit;
    private boolean nonAsciiHeaders;
    private boolean nul;
    private int longestLine;
    private int lineLength;
    private boolean inHeaders = true;
    private boolean pendingCr;

    /** Scans a whole stream and closes nothing. */
    public static ContentTraits scan(InputStream in) throws IOException {
        ContentScanner s = new ContentScanner();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            s.update(buf, 0, n);
        }
        return s.finish();
    }

    public void update(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            int c = b[i] & 0xFF;
            if (pendingCr) {
                pendingCr = false;
                if (c == '\n') {
                    continue; // CRLF already counted
                }
            }
            if (c == '\r' || c == '\n') {
                endLine();
                if (c == '\r') {
                    pendingCr = true;
                }
                continue;
            }
            wireSize++;
            lineLength++;
            if (c >= 0x80) {
                eightBit = true;
                if (inHeaders) {
                    nonAsciiHeaders = true;
                }
            } else if (c == 0) {
                nul = true;
            }
        }
    }

    private void endLine() {
        wireSize += 2;
        if (lineLength == 0) {
            inHeaders = false;
        }
        longestLine = Math.max(longestLine, lineLength);
        lineLength = 0;
    }

    public ContentTraits finish() {
        longestLine = Math.max(longestLine, lineLength);
        long size = wireSize;
        if (lineLength > 0) {
            size += 2; // the encoder ends an unterminated last line with CRLF
        }
        return new ContentTraits(size, eightBit, nonAsciiHeaders, longestLine, nul);
    }
}
