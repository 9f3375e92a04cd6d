package dev.sendmail.transport.jakarta;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * The TCP socket under an Angus connection. Writes time out (Angus's {@link WriteTimeoutSocket}, sharing one
 * scheduler thread per transport), and the server may send at most {@link #READ_BUDGET} octets between two writes
 * of ours: Angus reads reply lines without a bound, so an endless reply would otherwise fill the heap.
 *
 * <p>Until TLS starts, it also keeps the dialogue in step. Reads hand out at most one line, so the buffer Angus
 * reads through never holds more than the reply it asked for; whatever else arrived stays here. Angus writes a
 * command only after reading every reply due (it does not pipeline), so octets still unread when it writes were
 * sent when no reply was due: a reply after the greeting, two replies to one command. Writing then fails with
 * {@link UnexpectedInputException} instead of letting Angus take that text as the answer to its next command.
 */
final class GuardedSocket extends WriteTimeoutSocket {

    /** Far more than any sane EHLO reply or TLS handshake flight; far less than a heap. */
    static final int READ_BUDGET = 4 << 20;

    /** Thrown when the server talks too much; the failure mapper reports it as a protocol violation. */
    static final class ReplyTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTooLongException() {
            super("the server sent more than " + READ_BUDGET + " octets without being asked");
        }
    }

    /** Thrown when a command is about to be written while octets no command asked for wait unread. */
    static final class UnexpectedInputException extends IOException {
        private static final long serialVersionUID = 1L;

        UnexpectedInputException(int octets) {
            super("the server sent " + octets + " octets when no reply was due");
        }
    }

    private final Socket plain;
    private volatile long readSinceWrite;
    /** Octets read from the socket and not yet handed to Angus (plain text only). */
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;
    // pos, limit and buf are used by the one thread that talks over the connection (Angus's caller)
    /** True until TLS starts: afterwards the octets seen here are TLS records, not replies. */
    private volatile boolean plainText = true;

    GuardedSocket(Socket plain, int writeTimeoutMillis, ScheduledExecutorService scheduler) throws IOException {
        super(plain, writeTimeoutMillis, scheduler);
        this.plain = plain;
    }

    /** The plain socket, for read timeouts. */
    Socket plain() {
        return plain;
    }

    /**
     * TLS is about to start over this socket: anything the server sent before the handshake is dropped (it could
     * be replies injected in plain text: CVE-2011-0411), and from now on octets pass through untouched.
     *
     * @return the number of octets dropped
     */
    int startTls() {
        int dropped = limit - pos;
        pos = 0;
        limit = 0;
        plainText = false;
        return dropped;
    }

    /** Octets received and not yet read by Angus (in plain text; 0 once TLS started). */
    int unread() throws IOException {
        if (!plainText) {
            return 0;
        }
        return limit - pos + super.getInputStream().available();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream raw = super.getInputStream();
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n <= 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return readLine(raw, b, off, len);
            }

            @Override
            public int available() throws IOException {
                return buffered() + raw.available();
            }
        };
    }

    private int buffered() {
        return limit - pos;
    }

    /** Up to {@code len} octets, never past the end of a line while in plain text. */
    private int readLine(InputStream raw, byte[] b, int off, int len) throws IOException {
        if (pos < limit || plainText) {
            if (pos == limit) {
                int n = raw.read(buf, 0, buf.length);
                if (n <= 0) {
                    return n;
                }
                count(n);
                pos = 0;
                limit = n;
            }
            int end = pos;
            int max = Math.min(limit, pos + len);
            while (end < max) {
                if (buf[end++] == '\n' && plainText) {
                    break;
                }
            }
            int n = end - pos;
            System.arraycopy(buf, pos, b, off, n);
            pos = end;
            return n;
        }
        int n = raw.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                beforeWrite();
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                beforeWrite();
                out.write(b, off, len);
            }
        };
    }

    private void beforeWrite() throws IOException {
        int waiting = unread();
        if (waiting > 0) {
            throw new UnexpectedInputException(waiting);
        }
        readSinceWrite = 0;
    }

    private void count(int n) throws IOException {
        long total = readSinceWrite + n;
        readSinceWrite = total;
        if (total > READ_BUDGET) {
            throw new ReplyTooLongException();
        }
    }
}
