package dev.sendmail.testkit;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A SOCKS5 proxy (RFC 1928, CONNECT without authentication) on {@code 127.0.0.1:0} that records what each client
 * asked for and relays the bytes to it. A name given by the client is resolved here (from the hosts file for
 * {@code localhost}), as a real proxy resolves names on the client's behalf.
 */
public final class FakeSocksProxy implements AutoCloseable {

    /**
     * One CONNECT request.
     *
     * @param host the host as the client sent it: a name, or an address in text form
     * @param port the port
     * @param byName true when the client sent a name (address type 3) rather than an address
     */
    public record Request(String host, int port, boolean byName) {
    }

    private final LoopbackListener listener;
    private final List<Request> requests = new ArrayList<>();

    private FakeSocksProxy() throws IOException {
        listener = new LoopbackListener("fake-socks", s -> () -> serve(s));
    }

    /** Starts a proxy. */
    public static FakeSocksProxy start() {
        try {
            return new FakeSocksProxy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.port();
    }

    /** The host the proxy listens on, as text ({@code 127.0.0.1}). */
    public String host() {
        return listener.address().getHostAddress();
    }

    /** The CONNECT requests received so far, in order. */
    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void serve(Socket client) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (in.readUnsignedByte() != 5) {
                client.close();
                return;
            }
            byte[] methods = new byte[in.readUnsignedByte()];
            in.readFully(methods);
            boolean noAuth = false;
            for (byte m : methods) {
                noAuth |= m == 0;
            }
            out.write(new byte[] {5, (byte) (noAuth ? 0 : 0xFF)});
            out.flush();
            if (!noAuth) {
                client.close();
                return;
            }
            int version = in.readUnsignedByte();
            int command = in.readUnsignedByte();
            in.readUnsignedByte();
            int type = in.readUnsignedByte();
            String host;
            if (type == 1 || type == 4) {
                byte[] a = new byte[type == 1 ? 4 : 16];
                in.readFully(a);
                host = InetAddress.getByAddress(a).getHostAddress();
            } else if (type == 3) {
                byte[] name = new byte[in.readUnsignedByte()];
                in.readFully(name);
                host = new String(name, StandardCharsets.US_ASCII);
            } else {
                client.close();
                return;
            }
            int port = in.readUnsignedShort();
            synchronized (this) {
                requests.add(new Request(host, port, type == 3));
            }
            Socket target = new Socket();
            try {
                if (version != 5 || command != 1) {
                    throw new IOException("only CONNECT");
                }
                target.connect(new InetSocketAddress(InetAddress.getByName(host), port), 5000);
            } catch (IOException e) {
                target.close();
                out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0}); // connection refused
                out.flush();
                client.close();
                return;
            }
            listener.keep(target);
            byte[] bound = target.getLocalAddress().getAddress();
            byte[] reply = new byte[6 + bound.length];
            reply[0] = 5;
            reply[3] = (byte) (bound.length == 4 ? 1 : 4);
            System.arraycopy(bound, 0, reply, 4, bound.length);
            reply[reply.length - 2] = (byte) (target.getLocalPort() >> 8);
            reply[reply.length - 1] = (byte) target.getLocalPort();
            out.write(reply);
            out.flush();
            Thread back = new Thread(() -> relay(target, client), "fake-socks-back-" + client.getPort());
            back.setDaemon(true);
            back.start();
            relay(client, target);
        } catch (IOException e) {
            // the client or the target went away
        }
    }

    private static void relay(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side closed
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() {
        listener.close();
    }
}
