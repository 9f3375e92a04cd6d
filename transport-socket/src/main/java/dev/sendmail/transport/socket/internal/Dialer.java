package dev.sendmail.transport.socket.internal;

import dev.sendmail.api.NetworkSettings;
import dev.sendmail.spi.TranscriptListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens the TCP connection to a mail host: each address in turn until one answers, directly or through the
 * SOCKS5 proxy of the {@link NetworkSettings} (which resolves an unresolved target itself), bound to its source
 * address when it has one; with TCP_NODELAY and keep-alive. The failure names every address tried and why.
 */
final class Dialer {

    /** What is made of a connected socket; a failure here counts as a failure of that address. */
    @FunctionalInterface
    interface Opener<T> {
        T open(Socket socket, InetSocketAddress target) throws IOException;
    }

    private Dialer() {
    }

    /**
     * @param targets the addresses to try, in order; an unresolved one is only used through a proxy
     * @throws IOException naming every address tried and why it failed
     */
    static <T> T dial(String host, List<InetSocketAddress> targets, NetworkSettings network, Duration timeout,
                      Deadline deadline, TranscriptListener listener, Opener<T> opener) throws IOException {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress target : targets) {
            Socket s = network.proxy().map(p -> new Socket(new Proxy(Proxy.Type.SOCKS, p.address())))
                    .orElseGet(Socket::new);
            try {
                s.setTcpNoDelay(true);
                s.setKeepAlive(true);
                if (network.sourceAddress().isPresent()) {
                    s.bind(new InetSocketAddress(network.sourceAddress().get(), 0));
                }
                s.connect(target, deadline.millis(timeout));
                listener.connected(host, target);
                return opener.open(s, target);
            } catch (IOException e) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
                failures.add(addressText(target) + network.proxy().map(p -> " through SOCKS5 proxy " + p).orElse("")
                        + ": " + Failures.message(e));
                if (e instanceof SocketTimeoutException && e.getMessage() != null
                        && e.getMessage().contains("deadline")) {
                    break;
                }
            }
        }
        throw new ConnectException("cannot connect to " + String.join("; ", failures));
    }

    private static String addressText(InetSocketAddress a) {
        String ip = a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }
}
