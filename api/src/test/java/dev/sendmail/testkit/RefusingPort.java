package dev.sendmail.testkit;

import dev.sendmail.api.MailHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.OptionalInt;

/**
 * A loopback port that refuses connections for as long as this object is open.
 *
 * <p>The port is bound by a socket that never listens, so a connection to it is refused, and no other
 * server (another test, a container's port mapping) can take it meanwhile. A port found by binding a
 * server socket and closing it again is free for anyone to take before the test connects to it.
 */
public final class RefusingPort implements AutoCloseable {
    private final Socket holder;

    private RefusingPort(Socket holder) {
        this.holder = holder;
    }

    /** Reserves a port on the IPv4 loopback address. */
    public static RefusingPort open() {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new RefusingPort(s);
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }

    /** The reserved port. */
    public int port() {
        return holder.getLocalPort();
    }

    /** The loopback address the port is reserved on. */
    public InetAddress address() {
        return holder.getLocalAddress();
    }

    /** {@code localhost} at the reserved port with the loopback address, so no DNS is used. */
    public MailHost host() {
        return new MailHost("localhost", OptionalInt.of(port()), List.of(address()), -1);
    }

    @Override
    public void close() throws IOException {
        holder.close();
    }
}
