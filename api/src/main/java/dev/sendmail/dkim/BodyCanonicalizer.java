package dev.sendmail.dkim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Canonicalizes a message body (RFC 6376 sections 3.4.3 and 3.4.4) into a digest, streamed: memory use does not
 * depend on the body size. The input is the body as stored, with any line endings; each of CRLF, bare LF and
 * bare CR counts as the one CRLF it becomes on the wire, and an unterminated last line is ended, as the
 * transports do. Trailing empty lines are held back as a count and emitted only when more content follows.
 *
 * <p>Fast path: most of a body is already canonical (CRLF lines, single spaces between words). From each content
 * octet, {@link #canonicalRun} finds how far the input stays canonical, looking at eight octets at a time for the
 * few octets that can need rewriting, and that run goes to the digest straight from the caller's buffer (short
 * runs are gathered in a buffer first, so the digest sees large updates). Everything the run stops at (a tab, a
 * run of spaces, white space at a line end, a bare CR or LF, empty lines, a line end at the end of a chunk) goes
 * through the per-octet rules below it.
 */
final class BodyCanonicalizer {

    private static final int OUT_SIZE = 64 * 1024;
    /** A canonical run at least this long is hashed in place instead of copied. */
    private static final int DIRECT = 1024;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LOWS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long SPACES = ' ' * ONES;
    /** Added to the low seven bits of an octet, sets its high bit exactly when the octet is 0x21 or more. */
    private static final long FROM_EXCLAMATION = (0x80 - 0x21) * ONES;
    /** The high bits of the first seven octets of a little-endian word. */
    private static final long FIRST_SEVEN = 0x0080_8080_8080_8080L;

    private final MessageDigest digest;
    private final boolean relaxed;
    /** Octets below this may need rewriting: SP, TAB, CR, LF (relaxed) or CR, LF (simple); and other controls. */
    private final long candidateBelow;
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
        this.candidateBelow = (relaxed ? ' ' + 1 : '\r' + 1) * ONES;
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
            byte c = b[i];
            if (!isSpecial(c)) {
                int run = canonicalRun(b, i, end);
                emitContent(b, i, run - i);
                i = run;
                continue;
            }
            i++;
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

    /** White space (relaxed) or a line-end octet: the octets the per-octet rules handle. */
    private boolean isSpecial(byte c) {
        return c == '\r' || c == '\n' || (relaxed && (c == ' ' || c == '\t'));
    }

    /**
     * The end of the canonical run that starts with the content octet at {@code from}: every octet before it is
     * its own canonical form in context, and the run ends with content, so no state is pending after it. A space
     * is canonical when content follows it (relaxed); a CRLF when it is followed by content (not white space, not
     * another line end), so that no empty line, trailing white space or bare line end is inside a run. What
     * cannot be decided inside the chunk ends the run.
     */
    private int canonicalRun(byte[] b, int from, int end) {
        int i = from + 1;
        while (i < end) {
            // eight octets at a time while none is below candidateBelow (octets >= 0x80 are content)
            while (i + 8 <= end) {
                long x = (long) LONGS.get(b, i);
                long hits = (x - candidateBelow) & ~x & HIGHS;
                if (hits != 0) {
                    int first = Long.numberOfTrailingZeros(hits) >>> 3;
                    if (relaxed && b[i + first] == ' ' && wordIsCanonical(x)) {
                        i += 8;
                        continue;
                    }
                    // the lowest flagged octet is a real one (a borrow only flags octets above it)
                    i += first;
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                break;
            }
            byte c = b[i];
            if (!isSpecial(c)) {
                i++; // content: a control octet, or one of the last seven octets of the chunk
            } else if (c == ' ' && i + 1 < end && isContent(b[i + 1])) {
                i += 2;
            } else if (c == '\r' && i + 2 < end && b[i + 1] == '\n' && isContent(b[i + 2])) {
                i += 3;
            } else {
                return i;
            }
        }
        return end;
    }

    /**
     * Relaxed: whether the eight octets of {@code x} need no rewriting, judged exactly: no octet below 0x21 other
     * than spaces each followed by content in the same word (the last octet's follower is in the next word, so a
     * space there is not judged here).
     */
    private static boolean wordIsCanonical(long x) {
        long low = ~(((x & LOWS) + FROM_EXCLAMATION) | x) & HIGHS;
        long z = x ^ SPACES;
        long space = ~(((z & LOWS) + LOWS) | z) & HIGHS;
        return (low & ~(space & ~(low >>> 8) & FIRST_SEVEN)) == 0;
    }

    /** Content on a line: neither a line-end octet nor (relaxed) white space. */
    private boolean isContent(byte c) {
        return c != '\r' && c != '\n' && !(relaxed && (c == ' ' || c == '\t'));
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
        if (len >= DIRECT || len > OUT_SIZE - outLength) {
            digest.update(out, 0, outLength);
            outLength = 0;
            if (len >= DIRECT) {
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
