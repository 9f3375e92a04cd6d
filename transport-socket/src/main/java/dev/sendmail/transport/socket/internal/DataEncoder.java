package dev.sendmail.transport.socket.internal;

import java.io.IOException;

/**
 * Turns message octets into what goes on the wire, streaming: every line ending (CRLF, bare LF, bare CR)
 * becomes CRLF, so no bare CR or LF reaches the server (SMTP smuggling, CVE-2023-51764/5/6); for DATA a line
 * starting with '.' gets another '.' (RFC 5321 4.5.2) and {@link #finish()} ends the message with CRLF.CRLF.
 * A line longer than the limit fails before it is written; the caller checked the whole message before
 * sending, so this only fires when the content changed under us, and the connection must then be dropped.
 */
final class DataEncoder {

    /** Where the encoded octets go. */
    interface Sink {
        void write(byte[] b, int off, int len) throws IOException;

        void write(int b) throws IOException;
    }

    /** A line over the limit turned up while streaming. */
    static final class LineTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        LineTooLongException(int limit) {
            super("a line is longer than " + limit + " octets");
        }
    }

    private static final int LINE_START = 0;
    private static final int MID_LINE = 1;
    private static final int AFTER_CR = 2;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] END = {'.', '\r', '\n'};

    private final Sink sink;
    private final boolean dotStuffing;
    private final int maxLine;
    private int state = LINE_START;
    private int lineLength;
    private long octets;

    /**
     * @param dotStuffing true for DATA, false for BDAT
     * @param maxLine the longest line allowed, in octets without the line ending
     */
    DataEncoder(Sink sink, boolean dotStuffing, int maxLine) {
        this.sink = sink;
        this.dotStuffing = dotStuffing;
        this.maxLine = maxLine;
    }

    /**
     * Encodes {@code len} octets. Runs of ordinary octets, CRLF included, go to the sink in one call; only a bare
     * CR or LF (rewritten as CRLF), a dot at the start of a line (stuffed) and the end of the input cut a run.
     */
    void write(byte[] b, int off, int len) throws IOException {
        final int end = off + len;
        int i = off;
        int run = off;
        int st = state;
        int length = lineLength;
        while (i < end) {
            if (st != MID_LINE) {
                byte first = b[i];
                if (first == '\n' && st == AFTER_CR) {
                    // the LF of a CRLF split across two calls: the CRLF went out with the CR
                    emit(b, run, i);
                    run = ++i;
                    st = LINE_START;
                    continue;
                }
                if (first != '\r' && first != '\n') {
                    if (first == '.' && dotStuffing) {
                        emit(b, run, i);
                        run = i;
                        sink.write('.');
                        octets++;
                    }
                    st = MID_LINE;
                }
            }
            int scan = i;
            while (i < end) {
                byte c = b[i];
                if (c == '\r' || c == '\n') {
                    break;
                }
                i++;
            }
            length += i - scan;
            if (length > maxLine) {
                emit(b, run, i - (length - maxLine));
                state = st;
                lineLength = maxLine;
                throw new LineTooLongException(maxLine);
            }
            if (i == end) {
                break;
            }
            length = 0;
            if (b[i] == '\r' && i + 1 < end && b[i + 1] == '\n') {
                i += 2; // CRLF stays inside the run
                st = LINE_START;
                continue;
            }
            // a bare CR or LF, or a CR at the end of this call: CRLF in its place
            emit(b, run, i);
            sink.write(CRLF, 0, 2);
            octets += 2;
            st = b[i] == '\r' && i + 1 == end ? AFTER_CR : LINE_START;
            run = ++i;
        }
        emit(b, run, end);
        state = st;
        lineLength = length;
    }

    /** Ends an unterminated last line with CRLF and, for DATA, writes the final {@code .CRLF}. */
    void finish() throws IOException {
        if (state == MID_LINE) {
            sink.write(CRLF, 0, 2);
            octets += 2;
            state = LINE_START;
        }
        if (dotStuffing) {
            sink.write(END, 0, 3);
        }
    }

    /** Octets written so far, with line endings as CRLF and stuffing dots, without the final dot line. */
    long octets() {
        return octets;
    }

    private void emit(byte[] b, int from, int to) throws IOException {
        if (to > from) {
            sink.write(b, from, to - from);
            octets += to - from;
        }
    }
}
