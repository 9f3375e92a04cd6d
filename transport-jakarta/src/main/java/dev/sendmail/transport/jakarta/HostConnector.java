package dev.sendmail.transport.jakarta;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.spi.TlsSupport;
import dev.sendmail.spi.TranscriptListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Opens the TCP connection Angus then talks over ({@code SMTPTransport.connect(Socket)}), directly or through the
 * SOCKS5 proxy of the {@link NetworkSettings} (so Angus's own {@code mail.smtp.socks.*} and
 * {@code mail.smtp.localaddress} properties are not used: the socket is ours). We open it rather than Angus so
 * that the addresses the resolver found are used in order (Angus would look the name up again), the connect timeout and the per-phase read timeouts are ours, Nagle is off, and implicit TLS is verified
 * against the host name we were given. Each address is created with that name, so Angus, which asks the socket
 * for its host, checks the certificate of a later STARTTLS against it and never does a reverse lookup.
 */
final class HostConnector {

    /** What {@link #open} returns: the socket to give Angus and the guarded TCP socket under it. */
    record Opened(Socket top, GuardedSocket tcp, InetSocketAddress address) {
    }

    private final TranscriptListener listener;
    private final ScheduledExecutorService scheduler;
    private final NetworkSettings network;

    HostConnector(TranscriptListener listener, ScheduledExecutorService scheduler, NetworkSettings network) {
        this.listener = listener;
        this.scheduler = scheduler;
        this.network = network;
    }

    /**
     * Connects to the first address that answers.
     *
     * @param tls for implicit TLS (SMTPS), the TLS setup to handshake with (strict); null for plain
     * @throws IOException the failure of the last address tried
     */
    Opened open(MailHost host, int port, int connectMillis, int writeMillis, TlsSupport tls) throws IOException {
        List<InetSocketAddress> targets = targets(host, port);
        IOException last = null;
        for (InetSocketAddress target : targets) {
            Socket tcp = network.proxy().map(p -> new Socket(new Proxy(Proxy.Type.SOCKS, p.address())))
                    .orElseGet(Socket::new);
            try {
                tcp.setTcpNoDelay(true);
                if (network.sourceAddress().isPresent()) {
                    tcp.bind(new InetSocketAddress(network.sourceAddress().get(), 0));
                }
                tcp.connect(target, connectMillis);
                listener.connected(host.name(), target);
                GuardedSocket guarded = new GuardedSocket(tcp, writeMillis, scheduler, target.isUnresolved()
                        ? InetAddress.getByAddress(host.name(), new byte[4]) : null);
                if (tls == null) {
                    return new Opened(guarded, guarded, target);
                }
                tcp.setSoTimeout(connectMillis);
                guarded.startTls();
                return new Opened(new GuardedTlsSocket(tls.layer(guarded, host.name(), port,
                        host.tlsRequirement(), false)), guarded,
                        target);
            } catch (IOException e) {
                closeQuietly(tcp);
                String through = network.proxy().map(p -> " through SOCKS5 proxy " + p).orElse("");
                if (targets.size() > 1 || !through.isEmpty()) {
                    listener.note(host.name(), "connect to " + target.getHostString() + " port " + port + through
                            + " failed: " + ReplyText.printable(String.valueOf(e.getMessage())));
                }
                last = e;
            }
        }
        throw last;
    }

    /**
     * The host's addresses at {@code port}, each carrying the host's name; without known addresses and through a
     * proxy, the name alone, for the proxy to resolve.
     */
    private List<InetSocketAddress> targets(MailHost host, int port) throws UnknownHostException {
        if (host.addresses().isEmpty() && network.proxy().isPresent()) {
            return List.of(InetSocketAddress.createUnresolved(literal(host.name()), port));
        }
        return addresses(host).stream().map(a -> new InetSocketAddress(a, port)).toList();
    }

    /** The host's addresses, each carrying the host's name. */
    private static List<InetAddress> addresses(MailHost host) throws UnknownHostException {
        List<InetAddress> found = host.addresses();
        if (found.isEmpty()) {
            found = List.of(InetAddress.getAllByName(literal(host.name())));
        }
        java.util.ArrayList<InetAddress> named = new java.util.ArrayList<>();
        for (InetAddress a : found) {
            named.add(InetAddress.getByAddress(host.name(), a.getAddress()));
        }
        return named;
    }

    private static String literal(String name) {
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // closing after a failure: the failure is what matters
        }
    }
}
