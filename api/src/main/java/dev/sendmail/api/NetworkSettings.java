package dev.sendmail.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transport reaches a server: over TCP, directly or through a SOCKS5 proxy, from which local address, or
 * through a unix domain socket instead (msmtp's {@code proxy_host}, {@code proxy_port}, {@code source_ip} and
 * {@code socket}). Immutable.
 *
 * @param proxy the SOCKS5 proxy every connection goes through; empty for direct connections
 * @param sourceAddress the local address connections are bound to before they connect (with a proxy: the
 *        connection to the proxy); empty lets the system choose
 * @param unixSocket a unix domain socket every connection goes to instead of the host's address and port (the
 *        host's name is still the name for TLS and messages); the proxy and the source address are then unused.
 *        A transport that cannot connect to one refuses these settings when it is created
 */
public record NetworkSettings(Optional<SocksProxy> proxy, Optional<InetAddress> sourceAddress,
                              Optional<Path> unixSocket) {

    /** Direct connections from an address the system chooses. */
    public static final NetworkSettings DIRECT = new NetworkSettings(Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * Checks the components.
     *
     * @param proxy the SOCKS5 proxy, if any
     * @param sourceAddress the local address to bind, if any
     * @param unixSocket the unix domain socket to connect to instead, if any
     */
    public NetworkSettings {
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(unixSocket, "unixSocket");
    }

    /**
     * These settings with another proxy.
     *
     * @param value the proxy, or null for none
     * @return new settings
     */
    public NetworkSettings withProxy(SocksProxy value) {
        return new NetworkSettings(Optional.ofNullable(value), sourceAddress, unixSocket);
    }

    /**
     * These settings with another local address.
     *
     * @param value the address, or null to let the system choose
     * @return new settings
     */
    public NetworkSettings withSourceAddress(InetAddress value) {
        return new NetworkSettings(proxy, Optional.ofNullable(value), unixSocket);
    }

    /**
     * These settings with another unix domain socket.
     *
     * @param value the socket file, or null to connect over TCP
     * @return new settings
     */
    public NetworkSettings withUnixSocket(Path value) {
        return new NetworkSettings(proxy, sourceAddress, Optional.ofNullable(value));
    }

    /**
     * Parses a local address given as an IP address literal ({@code 192.0.2.7}, {@code 2001:db8::7}), without a
     * DNS lookup (msmtp's {@code source_ip} takes an address, not a name).
     *
     * @param text the address
     * @return the address
     * @throws IllegalArgumentException when {@code text} is not an IPv4 or IPv6 address
     */
    public static InetAddress parseAddress(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + text.strip());
        }
        try {
            return InetAddress.getByName(t); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text.strip());
        }
    }

    /**
     * A SOCKS5 proxy (RFC 1928), used without authentication. Connections ask the proxy for the server by name when
     * the server has no known address, so the proxy resolves it (only the proxy's own name, when it is not an
     * address, is looked up locally).
     *
     * @param host the proxy's host name or IP address
     * @param port the proxy's port
     */
    public record SocksProxy(String host, int port) {

        /** The port used when none is given: 1080, SOCKS's registered port. */
        public static final int DEFAULT_PORT = 1080;

        /**
         * Checks the components.
         *
         * @param host the proxy's host name or IP address: printable ASCII, no spaces, at most 255 characters
         * @param port 1 to 65535
         * @throws IllegalArgumentException for an empty or unprintable host or a port out of range
         */
        public SocksProxy {
            Objects.requireNonNull(host, "host");
            if (host.isEmpty() || host.length() > 255 || !host.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new IllegalArgumentException("a proxy host must be a host name or address");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("a proxy port must be between 1 and 65535: " + port);
            }
        }

        /**
         * The proxy's socket address, not resolved: the name is looked up when a connection is made.
         *
         * @return the address to give {@link java.net.Proxy}
         */
        public InetSocketAddress address() {
            return InetSocketAddress.createUnresolved(host, port);
        }

        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
