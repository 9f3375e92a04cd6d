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

    /**
     * Scans a whole stream and closes nothing.
     *
     * @param in the message
     * @return its traits
     * @throws IOException when reading fails
     */
    public static ContentTraits scan(InputStream in) throws IOException {
        ContentScanner s = new ContentScanner();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) > 0) {
            s.update(buf, 0, n);
        }
        return s.finish();
    }

    /**
     * Scans the next octets of the message.
     *
     * @param b a buffer
     * @param off where the octets start
     * @param len how many
     */
    public void update(byte[] b, int off, int len) {
        final int end = off + len;
        long size = wireSize;
        int line = lineLength;
        int longest = longestLine;
        boolean headers = inHeaders;
        boolean cr = pendingCr;
        int i = off;
        while (i < end) {
            if (cr) {
                cr = false;
                if (b[i] == '\n') {
                    i++; // CRLF already counted
                    continue;
                }
            }
            int start = i;
            while (i < end) {
                byte c = b[i];
                if (c > '\r') {
                    i++; // the common case: printable ASCII
                    continue;
                }
                if (c == '\r' || c == '\n') {
                    break;
                }
                if (c < 0) {
                    eightBit = true;
                    if (headers) {
                        nonAsciiHeaders = true;
                    }
                } else if (c == 0) {
                    nul = true;
                }
                i++;
            }
            size += i - start;
            line += i - start;
            if (i == end) {
                break;
            }
            size += 2;
            if (line == 0) {
                headers = false;
            }
            longest = Math.max(longest, line);
            line = 0;
            cr = b[i] == '\r';
            i++;
        }
        wireSize = size;
        lineLength = line;
        longestLine = longest;
        inHeaders = headers;
        pendingCr = cr;
    }

    /**
     * The traits of everything scanned.
     *
     * @return the traits
     */
    public ContentTraits finish() {
        longestLine = Math.max(longestLine, lineLength);
        long size = wireSize;
        if (lineLength > 0) {
            size += 2; // the encoder ends an unterminated last line with CRLF
        }
        return new ContentTraits(size, eightBit, nonAsciiHeaders, longestLine, nul);
    }
}
