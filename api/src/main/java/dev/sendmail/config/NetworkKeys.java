package dev.sendmail.config;

import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.NetworkSettings;
import dev.sendmail.api.TransportSettings;
import java.util.function.Consumer;

/**
 * msmtp's keys for how the server is reached: {@code protocol} ({@link MailProtocol}), {@code proxy_host} and
 * {@code proxy_port} (a SOCKS5 proxy), {@code source_ip} (the local address) and {@code socket} (a unix domain
 * socket instead of TCP), mapped onto
 * {@link TransportSettings}. Stateless.
 */
public final class NetworkKeys {

    private NetworkKeys() {
    }

    /**
     * What the keys say, ready for a {@link TransportSettings.Builder}.
     *
     * @param protocol SMTP or LMTP
     * @param network the proxy, the local address and the unix socket
     */
    public record Connection(MailProtocol protocol, NetworkSettings network) {

        /** SMTP, direct connections: an account without these keys. */
        public static final Connection DEFAULT = new Connection(MailProtocol.SMTP, NetworkSettings.DIRECT);

        /**
         * Sets the protocol and the network settings.
         *
         * @param settings the builder
         * @return the same builder
         */
        public TransportSettings.Builder applyTo(TransportSettings.Builder settings) {
            return settings.protocol(protocol).network(network);
        }
    }

    /**
     * Reads the keys of {@code account}. An empty {@code proxy_host}, {@code source_ip} or {@code socket} means none,
     * as in msmtp.
     *
     * @param account the selected account (with msmtp's command-line options on top)
     * @param warnings receives one line naming the setting when {@code proxy_port} is set without
     *        {@code proxy_host} (it then changes nothing)
     * @return the connection settings
     * @throws ConfigException {@link ConfigException.Reason#INVALID} for a value the parser let through that is still
     *         bad (values are checked when the file is read)
     */
    public static Connection of(Account account, Consumer<String> warnings) throws ConfigException {
        try {
            MailProtocol protocol = account.get(ConfigKey.PROTOCOL).map(MailProtocol::parse).orElse(MailProtocol.SMTP);
            NetworkSettings network = NetworkSettings.DIRECT;
            String proxyHost = account.get(ConfigKey.PROXY_HOST).orElse("");
            String proxyPort = account.get(ConfigKey.PROXY_PORT).orElse("");
            if (!proxyHost.isEmpty()) {
                int port = proxyPort.isEmpty() ? NetworkSettings.SocksProxy.DEFAULT_PORT
                        : dev.sendmail.api.MailHost.parsePort(proxyPort);
                network = network.withProxy(new NetworkSettings.SocksProxy(proxyHost, port));
            } else if (!proxyPort.isEmpty()) {
                warnings.accept(account.setting(ConfigKey.PROXY_PORT) + ": no effect without proxy_host");
            }
            String socket = account.get(ConfigKey.SOCKET).orElse("");
            if (!socket.isEmpty()) {
                network = network.withUnixSocket(java.nio.file.Path.of(socket));
            }
            String source = account.get(ConfigKey.SOURCE_IP).orElse("");
            if (!source.isEmpty()) {
                network = network.withSourceAddress(NetworkSettings.parseAddress(source));
            }
            return new Connection(protocol, network);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(e.getMessage());
        }
    }
}
