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
 */
final class GuardedSocket extends WriteTimeoutSocket {

    /** Far more than any EHLO reply or TLS handshake flight; far less than a heap. */
    static final int READ_BUDGET = 1 << 20;

    /** Thrown when the server talks too much; the failure mapper reports it as a protocol violation. */
    static final class ReplyTooLongException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTooLongException() {
            super("the server sent more than " + READ_BUDGET + " octets without being asked");
        }
    }

    private final Socket plain;
    private volatile long readSinceWrite;

    GuardedSocket(Socket plain, int writeTimeoutMillis, ScheduledExecutorService scheduler) throws IOException {
        super(plain, writeTimeoutMillis, scheduler);
        this.plain = plain;
    }

    /** The plain socket, for read timeouts. */
    Socket plain() {
        return plain;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new FilterInputStream(super.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }
        };
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
        return new FilterOutputStream(super.getOutputStream()) {
            @Override
            public void write(int b) throws IOException {
                readSinceWrite = 0;
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                readSinceWrite = 0;
                out.write(b, off, len);
            }
        };
    }

    private void count(int n) throws IOException {
        long total = readSinceWrite + n;
        readSinceWrite = total;
        if (total > READ_BUDGET) {
            throw new ReplyTooLongException();
        }
    }
}
