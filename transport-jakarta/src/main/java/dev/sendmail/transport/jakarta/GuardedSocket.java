package dev.sendmail.transport.jakarta;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.angus.mail.util.WriteTimeoutSocket;

/**
 * The TCP socket under an Angus connection. Writes time out (Angus's {@link WriteTimeoutSocket}, sharing one
 * scheduler thread per transport), and the server may send at most {@link #READ_BUDGET} octets between two writes
 * of ours: Angus reads reply lines without a bound, so an endless reply would otherwise fill the heap.
 *
 * <p>Until TLS starts, it also keeps the dialogue in step: replies pass a {@link LineGate}, and a write while
 * octets no command asked for wait unread (a reply after the greeting, two replies to one command) fails with
 * {@link UnexpectedInputException} instead of letting Angus take that text as the answer to its next command.
 * Inside TLS, {@link GuardedTlsSocket} does the same on the decrypted stream.
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
    /** The server's address as Angus is told it: named, and a stand-in when a SOCKS proxy resolved the name. */
    private final InetAddress server;
    private volatile long readSinceWrite;
    private LineGate gate;
    /** True until TLS starts: afterwards the octets seen here are TLS records, not replies. */
    private volatile boolean plainText = true;

    GuardedSocket(Socket plain, int writeTimeoutMillis, ScheduledExecutorService scheduler) throws IOException {
        this(plain, writeTimeoutMillis, scheduler, null);
    }

    /**
     * @param server the address to report as the server's when the socket has none (a connection through a SOCKS
     *        proxy to a host name the proxy resolved): Angus asks the socket for the server's host name
     */
    GuardedSocket(Socket plain, int writeTimeoutMillis, ScheduledExecutorService scheduler, InetAddress server)
            throws IOException {
        super(plain, writeTimeoutMillis, scheduler);
        this.plain = plain;
        this.server = server;
    }

    @Override
    public InetAddress getInetAddress() {
        InetAddress a = plain.getInetAddress();
        return a == null && plain.isConnected() ? server : a;
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
    int startTls() throws IOException {
        plainText = false;
        return gate().dropAndOpen();
    }

    /** Octets received and not yet read by Angus (in plain text; 0 once TLS started). */
    int unread() throws IOException {
        return plainText ? gate().unread() : 0;
    }

    private LineGate gate() throws IOException {
        if (gate == null) {
            gate = new LineGate(super.getInputStream(), this::count);
        }
        return gate;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return gate().stream();
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
