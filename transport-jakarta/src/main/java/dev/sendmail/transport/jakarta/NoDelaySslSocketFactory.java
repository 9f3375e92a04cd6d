package dev.sendmail.transport.jakarta;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import dev.sendmail.spi.TlsSupport;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The SSL socket factory handed to Angus ({@code mail.smtp.ssl.socketFactory}) and used for implicit TLS. It
 * turns Nagle's algorithm off on every socket (Angus leaves it on, and a command written in two segments then
 * waits for the delayed ACK: about 40 ms a message), allows TLS 1.2 and later only, and remembers the last
 * socket it made so the connection can report the handshake. One instance serves one connection.
 */
final class NoDelaySslSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final List<String> protocols;
    private final UnaryOperator<String> serverName;
    private volatile SSLSocket last;
    private volatile int dropped;

    NoDelaySslSocketFactory(SSLSocketFactory delegate) {
        this(delegate, TlsSupport.PROTOCOLS, UnaryOperator.identity());
    }

    /**
     * @param protocols the protocol versions to enable (those the socket supports)
     * @param serverName the name a layered socket is made for (SNI, and the name the trust manager checks), from
     *        the host's name
     */
    NoDelaySslSocketFactory(SSLSocketFactory delegate, List<String> protocols, UnaryOperator<String> serverName) {
        this.delegate = delegate;
        this.protocols = List.copyOf(protocols);
        this.serverName = serverName;
    }

    /** The socket made last, or null. */
    SSLSocket last() {
        return last;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    /** Octets of plain text the server had sent before the last handshake, dropped unread. */
    int droppedBeforeTls() {
        return dropped;
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        s.setTcpNoDelay(true);
        if (s instanceof GuardedSocket g) {
            dropped = g.startTls();
            Socket tls = prepare(delegate.createSocket(s, serverName.apply(host), port, autoClose));
            return tls instanceof SSLSocket ssl ? new GuardedTlsSocket(ssl) : tls;
        }
        return prepare(delegate.createSocket(s, serverName.apply(host), port, autoClose));
    }

    @Override
    public Socket createSocket() throws IOException {
        return prepare(delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return prepare(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return prepare(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return prepare(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return prepare(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket prepare(Socket socket) throws IOException {
        if (socket.isConnected()) {
            socket.setTcpNoDelay(true);
        }
        if (socket instanceof SSLSocket ssl) {
            java.util.List<String> enabled = new ArrayList<>();
            for (String p : ssl.getSupportedProtocols()) {
                if (protocols.contains(p)) {
                    enabled.add(p);
                }
            }
            ssl.setEnabledProtocols(enabled.toArray(new String[0]));
            last = ssl;
        }
        return socket;
    }
}
