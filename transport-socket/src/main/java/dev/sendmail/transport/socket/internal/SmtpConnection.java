package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.api.SmtpReply;
import dev.sendmail.api.TlsRequirement;
import dev.sendmail.spi.TlsState;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.TranscriptListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One TCP connection to an SMTP server: the socket (plain, then maybe TLS), the reply reader and the command
 * writer, with a deadline on every read and write, and the transcript. It knows nothing of SMTP beyond
 * lines and replies; {@link SessionSetup} and {@link MailTransaction} speak the protocol over it.
 * Used by one thread at a time.
 */
final class SmtpConnection implements Closeable {

    private final String host;
    private final InetSocketAddress address;
    private final TranscriptListener listener;
    private volatile Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ReplyReader reader;
    private final CommandWriter writer;
    private volatile boolean writeTimedOut;
    /** System.nanoTime() by which the write under way must finish; 0 when no write is under way. */
    private volatile long writeDue;
    /** Checks writeDue periodically; started with the first write, stopped by close(). */
    private ScheduledFuture<?> writeSweep;
    private Deadline deadline;
    private Duration writeTimeout;
    private SSLSession tls;
    private TlsState tlsState = TlsState.NONE;
    private Capabilities capabilities = Capabilities.NONE;
    private MailProtocol protocol = MailProtocol.SMTP;
    private SmtpReply greeting;
    private boolean broken;
    /** Commands written whose replies were not read yet. */
    private int outstanding;
    private int messages;
    private long lastUsed = System.nanoTime();

    private SmtpConnection(String host, Socket socket, InetSocketAddress address, TranscriptListener listener,
                           Deadline deadline, Duration writeTimeout) throws IOException {
        this.host = host;
        this.socket = socket;
        this.address = address;
        this.listener = listener;
        this.deadline = deadline;
        this.writeTimeout = writeTimeout;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.reader = new ReplyReader(this::readSocket);
        this.writer = new CommandWriter(this::writeSocket);
    }

    /**
     * Connects to each address in turn until one answers ({@link Dialer}).
     *
     * @param targets the addresses to try, in order; an unresolved one is only used through a proxy
     * @throws IOException naming every address tried and why it failed
     */
    static SmtpConnection connect(String host, List<InetSocketAddress> targets, NetworkSettings network,
                                  Duration timeout, Deadline deadline, Duration writeTimeout,
                                  TranscriptListener listener) throws IOException {
        return Dialer.dial(host, targets, network, timeout, deadline, listener,
                (s, target) -> new SmtpConnection(host, s, target, listener, deadline, writeTimeout));
    }

    /**
     * Connects to the unix domain socket at {@code path} instead of a host and port (msmtp's {@code socket}).
     *
     * @throws IOException naming the socket and why the connection failed
     */
    static SmtpConnection connectUnix(String host, java.nio.file.Path path, Deadline deadline,
                                      Duration writeTimeout, TranscriptListener listener) throws IOException {
        UnixDomainSocket s;
        try {
            s = UnixDomainSocket.connect(path);
        } catch (IOException e) {
            throw new java.net.ConnectException("cannot connect to unix socket " + path + ": " + Failures.message(e));
        }
        listener.note(host, "connected to unix socket " + path);
        return new SmtpConnection(host, s, InetSocketAddress.createUnresolved(host, 0), listener, deadline,
                writeTimeout);
    }

    String host() {
        return host;
    }

    InetSocketAddress address() {
        return address;
    }

    InetAddress localAddress() {
        return socket.getLocalAddress();
    }

    TranscriptListener listener() {
        return listener;
    }

    /** The deadline of the request now using the connection. */
    void use(Deadline value) {
        deadline = value;
    }

    Deadline deadline() {
        return deadline;
    }

    /**
     * Buffers a command; {@code shown} is what the transcript gets (redacted for AUTH). The first command after
     * every reply due was read starts a new exchange: octets already received then are a protocol violation.
     */
    void send(String line, String shown) throws IOException {
        if (outstanding == 0) {
            requireQuiet();
        }
        writer.command(line);
        outstanding++;
        listener.command(host, shown);
    }

    void send(String line) throws IOException {
        send(line, line);
    }

    /**
     * Sends {@code head} and the octets of a secret (a base64 SASL response) as one command line and flushes, then
     * wipes the write buffer; the transcript gets {@code shown}. Counts as a command, as {@link #send} does.
     */
    void sendSecret(String head, byte[] secret, String shown) throws IOException {
        if (outstanding == 0) {
            requireQuiet();
        }
        try {
            writer.secretCommand(head, secret);
            outstanding++;
            listener.command(host, shown);
            writer.flush();
        } finally {
            writer.wipe();
        }
    }

    /**
     * Raw octets after a BDAT command or as message content. Content after a 354 starts a new exchange like a
     * command: nothing may have arrived since that reply.
     */
    DataEncoder.Sink sink() throws IOException {
        if (outstanding == 0) {
            requireQuiet();
        }
        return writer;
    }

    void flush() throws IOException {
        writer.flush();
    }

    /** Reads one reply within {@code timeout} (and the deadline) and shows it in the transcript. */
    SmtpReply read(Duration timeout) throws IOException {
        SmtpReply r = reader.read(deadline.budget(timeout));
        if (outstanding > 0) {
            outstanding--;
        }
        listener.reply(host, r);
        if (reader.droppedLines() > 0) {
            listener.note(host, "the reply had " + reader.droppedLines() + " more lines, read and dropped");
        }
        return r;
    }

    /** Sends one command, flushes, reads its reply. */
    SmtpReply command(String line, Duration timeout) throws IOException {
        send(line);
        flush();
        return read(timeout);
    }

    /**
     * Fails when octets arrived that no command asked for: every reply due was read, so a server that sent more
     * (a reply after its greeting, two replies to one command, more replies than a pipelined batch had commands)
     * is out of step, and whatever it sends next would be taken as the answer to the wrong command.
     */
    private void requireQuiet() throws IOException {
        int buffered = reader.buffered();
        int waiting = in.available();
        if (buffered > 0 || waiting > 0) {
            markBroken();
            throw new MalformedReplyException("the server sent " + (buffered + waiting)
                    + " octets when no reply was due");
        }
    }

    /** True when octets arrived that no command asked for (an idle connection told it is closing: 421). */
    boolean hasUnsolicitedInput() {
        try {
            return reader.buffered() > 0 || in.available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Starts TLS on this connection. Anything the server sent before the handshake is discarded (it could be
     * forged replies injected in plain text: CVE-2011-0411) and noted.
     */
    void startTls(TlsSupport support, TlsRequirement requirement, boolean lenient, int port) throws IOException {
        int injected = reader.discardBuffered();
        if (injected > 0) {
            listener.note(host, "discarded " + injected + " octets the server sent before the TLS handshake");
        }
        socket.setSoTimeout(deadline.millis(writeTimeout));
        ScheduledFuture<?> guard = arm(deadline.millis(writeTimeout));
        SSLSocket s;
        try {
            s = support.layer(socket, host, port, requirement, lenient);
        } finally {
            guard.cancel(false);
        }
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        writer.retarget(this::writeSocket);
        tls = s.getSession();
        tlsState = support.state(tls);
        capabilities = Capabilities.NONE;
        listener.tlsEstablished(host, tls.getProtocol(), tls.getCipherSuite());
        TlsSupport.certificateProblem(tls).ifPresent(p ->
                listener.note(host, "TLS certificate check failed, continuing (" + (requirement.requiresTls()
                        ? requirement.rule() : "opportunistic TLS") + "): " + p));
        TlsSupport.authenticatedBy(tls).ifPresent(r -> listener.note(host, "TLS authenticated: " + r));
    }

    boolean isTls() {
        return tls != null;
    }

    /** What this connection's TLS proves; {@link TlsState#NONE} without TLS. */
    TlsState tlsState() {
        return tlsState;
    }

    SSLSession tlsSession() {
        return tls;
    }

    SmtpReply greeting() {
        return greeting;
    }

    void greeting(SmtpReply value) {
        greeting = value;
    }

    Capabilities capabilities() {
        return capabilities;
    }

    void capabilities(Capabilities value) {
        capabilities = value;
    }

    /** The protocol the greeting negotiated (LHLO: LMTP). */
    MailProtocol protocol() {
        return protocol;
    }

    void protocol(MailProtocol value) {
        protocol = value;
    }

    /** Marks the connection as out of step with the server: it must not be reused. */
    void markBroken() {
        broken = true;
    }

    boolean isBroken() {
        return broken || socket.isClosed();
    }

    int messages() {
        return messages;
    }

    void countMessage() {
        messages++;
    }

    long lastUsed() {
        return lastUsed;
    }

    void touch() {
        lastUsed = System.nanoTime();
    }

    /** Sends QUIT and waits briefly for the reply, then closes. */
    void quit(Duration timeout) {
        if (!isBroken()) {
            try {
                use(Deadline.after(timeout));
                command("QUIT", timeout);
            } catch (IOException | RuntimeException e) {
                // closing anyway
            }
        }
        close();
    }

    @Override
    public void close() {
        broken = true;
        if (writeSweep != null) {
            writeSweep.cancel(false);
        }
        closeQuietly(socket);
    }

    private int readSocket(byte[] b, int off, int len, int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        return in.read(b, off, len);
    }

    /**
     * Writes with a timeout. Scheduling and cancelling a timer task around every write cost several thread
     * wake-ups per message; instead the write stamps when it must be done, and one periodic check per connection
     * closes the socket of a write that overran (at most a quarter of the timeout late, and never more than 1 s).
     */
    private void writeSocket(byte[] b, int off, int len) throws IOException {
        long millis = deadline.millis(writeTimeout);
        if (writeSweep == null) {
            long period = Math.max(20, Math.min(1000, millis / 4));
            writeSweep = Watchdog.every(period, this::checkWrite);
        }
        long due = System.nanoTime() + millis * 1_000_000L;
        writeDue = due == 0 ? 1 : due;
        try {
            out.write(b, off, len);
            out.flush();
        } catch (IOException e) {
            if (writeTimedOut) {
                throw new SocketTimeoutException("timed out writing to the server");
            }
            throw e;
        } finally {
            writeDue = 0;
        }
    }

    private void checkWrite() {
        long due = writeDue;
        if (due != 0 && System.nanoTime() - due > 0) {
            writeTimedOut = true;
            closeQuietly(socket);
        }
    }

    private ScheduledFuture<?> arm(int millis) {
        Socket s = socket;
        return Watchdog.after(millis, () -> {
            writeTimedOut = true;
            closeQuietly(s);
        });
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    /** Sets the write timeout used from now on (the data phase has its own). */
    void writeTimeout(Duration value) {
        writeTimeout = value;
    }
}
