package dev.sendmail.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A unix domain socket in a directory of its own whose connections are relayed to a TCP port on the loopback
 * address (a {@link FakeSmtpServer}), so a client that connects to a unix socket meets the scriptable server; or,
 * with no target, one that accepts connections and never answers.
 */
public final class UnixSocketRelay implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel listener;
    private final List<SocketChannel> open = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();

    private UnixSocketRelay(Path dir, int targetPort) throws IOException {
        path = dir.resolve("smtp.sock");
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(path));
        Thread t = new Thread(() -> acceptLoop(targetPort), "unix-relay-" + path.getFileName());
        t.setDaemon(true);
        t.start();
    }

    /** A socket relaying every connection to {@code server}. */
    public static UnixSocketRelay to(FakeSmtpServer server) {
        return start(server.port());
    }

    /** A socket that accepts connections and says nothing. */
    public static UnixSocketRelay silent() {
        return start(-1);
    }

    private static UnixSocketRelay start(int port) {
        try {
            return new UnixSocketRelay(Files.createTempDirectory("sendmail-unix"), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The socket file. */
    public Path path() {
        return path;
    }

    /** The connections accepted so far. */
    public int connections() {
        return accepted.get();
    }

    private void acceptLoop(int port) {
        while (true) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            keep(client);
            if (port < 0) {
                continue;
            }
            try {
                SocketChannel server = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                keep(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                close(client);
            }
        }
    }

    private synchronized void keep(SocketChannel c) {
        open.add(c);
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException e) {
                // either side closed
            } finally {
                close(to);
                close(from);
            }
        }, "unix-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (this) {
            open.forEach(UnixSocketRelay::close);
        }
        Files.deleteIfExists(path);
        Files.deleteIfExists(path.getParent());
    }
}
