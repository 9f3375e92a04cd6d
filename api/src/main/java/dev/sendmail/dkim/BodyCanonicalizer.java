package dev.sendmail.dkim;

import java.security.MessageDigest;

/**
 * Canonicalizes a message body (RFC 6376 sections 3.4.3 and 3.4.4) into a digest, streamed: memory use does not
 * depend on the body size. The input is the body as stored, with any line endings; each of CRLF, bare LF and
 * bare CR counts as the one CRLF it becomes on the wire, and an unterminated last line is ended, as the
 * transports do. Trailing empty lines are held back as a count and emitted only when more content follows.
 */
final class BodyCanonicalizer {

    private static final int OUT_SIZE = 64 * 1024;

    private final MessageDigest digest;
    private final boolean relaxed;
    private final byte[] out = new byte[OUT_SIZE];
    private int outLength;
    /** Line ends seen since the last content, not yet emitted. */
    private long pendingLines;
    /** Relaxed: white space seen since the last content on this line. */
    private boolean pendingSpace;
    /** The previous chunk ended with CR: an LF at the start of the next one belongs to it. */
    private boolean pendingCr;
    /** Some line had content. */
    private boolean content;

    BodyCanonicalizer(Canonicalization canonicalization, MessageDigest digest) {
        this.relaxed = canonicalization == Canonicalization.RELAXED;
        this.digest = digest;
    }

    void update(byte[] b, int off, int len) {
        final int end = off + len;
        int i = off;
        if (pendingCr && i < end) {
            pendingCr = false;
            if (b[i] == '\n') {
                i++;
            }
        }
        while (i < end) {
            int start = i;
            if (relaxed) {
                while (i < end) {
                    byte c = b[i];
                    if (c > ' ' || c < 0 || (c != ' ' && c != '\t' && c != '\r' && c != '\n')) {
                        i++;
                    } else {
                        break;
                    }
                }
            } else {
                while (i < end) {
                    byte c = b[i];
                    if (c > '\r' || (c != '\r' && c != '\n')) {
                        i++;
                    } else {
                        break;
                    }
                }
            }
            if (i > start) {
                emitContent(b, start, i - start);
            }
            if (i == end) {
                break;
            }
            byte c = b[i++];
            if (c == ' ' || c == '\t') {
                pendingSpace = true;
                continue;
            }
            pendingSpace = false;
            pendingLines++;
            if (c == '\r') {
                if (i == end) {
                    pendingCr = true;
                } else if (b[i] == '\n') {
                    i++;
                }
            }
        }
    }

    /** Ends the body and returns its hash. */
    byte[] finish() {
        if (content || !relaxed) {
            // the last line's own CRLF; simple turns an empty body into one CRLF
            put((byte) '\r');
            put((byte) '\n');
        }
        digest.update(out, 0, outLength);
        outLength = 0;
        return digest.digest();
    }

    private void emitContent(byte[] b, int off, int len) {
        for (; pendingLines > 0; pendingLines--) {
            put((byte) '\r');
            put((byte) '\n');
        }
        if (pendingSpace) {
            put((byte) ' ');
            pendingSpace = false;
        }
        content = true;
        if (len > OUT_SIZE - outLength) {
            digest.update(out, 0, outLength);
            outLength = 0;
            if (len > OUT_SIZE) {
                digest.update(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, out, outLength, len);
        outLength += len;
    }

    private void put(byte c) {
        if (outLength == OUT_SIZE) {
            digest.update(out, 0, outLength);
            outLength = 0;
        }
        out[outLength++] = c;
    }
}
