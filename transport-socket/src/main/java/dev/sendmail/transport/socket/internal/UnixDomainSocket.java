package dev.sendmail.transport.socket.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;

/**
 * A connection to a unix domain socket (msmtp's {@code socket}, such as Dovecot's LMTP socket) in the shape of a
 * {@link Socket}, so that {@link SmtpConnection} reads, writes and layers TLS over it as over TCP: a JDK
 * {@link SocketChannel} of the UNIX family has no {@code Socket} adaptor. The channel stays blocking; a read with a
 * timeout set arms the {@link Watchdog}, which closes the channel when the read overruns, and the read then fails
 * with a {@link SocketTimeoutException}. Socket options that mean nothing here (Nagle, keep-alive) are ignored.
 * Reads and writes may come from different threads (the channel locks each direction on its own).
 */
final class UnixDomainSocket extends Socket {

    private final SocketChannel channel;
    private final Path path;
    private volatile int timeoutMillis;
    private volatile boolean timedOut;
    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return readChannel(b, off, len);
        }
    };
    private final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    };

    private UnixDomainSocket(SocketChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    /**
     * Connects to the socket at {@code path} (a local connect succeeds or fails at once: no timeout is needed).
     *
     * @throws IOException when nothing listens there or the file cannot be reached
     */
    static UnixDomainSocket connect(Path path) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(path));
            return new UnixDomainSocket(ch, path);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The socket file, for messages. */
    Path path() {
        return path;
    }

    private int readChannel(byte[] b, int off, int len) throws IOException {
        int millis = timeoutMillis;
        ScheduledFuture<?> guard = millis > 0 ? Watchdog.after(millis, () -> {
            timedOut = true;
            closeQuietly();
        }) : null;
        try {
            return channel.read(ByteBuffer.wrap(b, off, len));
        } catch (ClosedChannelException e) {
            if (timedOut) {
                throw new SocketTimeoutException("Read timed out");
            }
            throw e;
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing after a timeout: the timeout is what matters
        }
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public void setSoTimeout(int timeout) {
        timeoutMillis = timeout;
    }

    @Override
    public int getSoTimeout() {
        return timeoutMillis;
    }

    @Override
    public void setTcpNoDelay(boolean on) {
        // no Nagle on a unix socket
    }

    @Override
    public void setKeepAlive(boolean on) {
        // no keep-alive on a unix socket
    }

    @Override
    public boolean isConnected() {
        return channel.isConnected();
    }

    @Override
    public boolean isBound() {
        return true;
    }

    @Override
    public boolean isClosed() {
        return !channel.isOpen();
    }

    @Override
    public boolean isInputShutdown() {
        return !channel.isOpen();
    }

    @Override
    public boolean isOutputShutdown() {
        return !channel.isOpen();
    }

    @Override
    public void shutdownInput() throws IOException {
        channel.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /** The loopback address: the peer is on this machine (the EHLO address literal uses it). */
    @Override
    public InetAddress getInetAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getPort() {
        return 0;
    }

    @Override
    public int getLocalPort() {
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public String toString() {
        return "UnixDomainSocket[" + path + "]";
    }
}
