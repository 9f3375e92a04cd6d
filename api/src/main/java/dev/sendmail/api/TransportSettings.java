package dev.sendmail.api;

import dev.sendmail.spi.TranscriptListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a transport needs to know besides the host (which comes with each request, because direct
 * delivery talks to many hosts with the same settings). Every transport honours every field; custom
 * transports read their own options from {@link #properties()}.
 *
 * @param tlsMode how connections are protected
 * @param trust which certificates to trust
 * @param credentials who to authenticate as, if anyone
 * @param heloName the name sent in EHLO/HELO; empty means the transport picks one without a DNS lookup
 * @param timeouts per-operation timeouts
 * @param pool connection reuse
 * @param listener receives the SMTP dialogue (commands with AUTH payloads redacted)
 * @param properties free-form provider properties ({@code --set KEY=VALUE})
 * @param rateLimit transactions per destination host, applied by the {@link Sender} built with these settings
 *        (transports ignore it)
 * @param protocol SMTP or LMTP; a transport that cannot speak the protocol refuses these settings when it is created
 * @param network how connections reach the server (SOCKS5 proxy, local address)
 */
public record TransportSettings(TlsMode tlsMode, TrustSettings trust, Optional<Credentials> credentials,
                                Optional<String> heloName, Timeouts timeouts, PoolSettings pool,
                                TranscriptListener listener, Map<String, String> properties,
                                Optional<RateLimit> rateLimit, MailProtocol protocol, NetworkSettings network) {

    /**
     * Checks the components; collections are copied.
     *
     * @param tlsMode how connections are protected
     * @param trust which certificates to trust
     * @param credentials who to authenticate as, if anyone
     * @param heloName the name sent in EHLO/HELO; empty means the transport picks one without a DNS lookup
     * @param timeouts per-operation timeouts
     * @param pool connection reuse
     * @param listener receives the SMTP dialogue (commands with AUTH payloads redacted)
     * @param properties free-form provider properties ({@code --set KEY=VALUE})
     * @param rateLimit transactions per destination host, applied by the {@link Sender}
     * @param protocol SMTP or LMTP
     * @param network how connections reach the server
     */
    public TransportSettings {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(tlsMode, "tlsMode");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(heloName, "heloName");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(listener, "listener");
        properties = Map.copyOf(properties);
        heloName.ifPresent(TransportSettings::checkHeloName);
    }

    /**
     * Connection reuse.
     *
     * @param maxConnectionsPerHost connections open to one host at once, idle or in use: a caller that needs a
     *        connection while that many are open and none is idle waits for one until its request's deadline;
     *        a wait that reaches the deadline fails as a transient {@link ConnectionFailedException}
     * @param maxMessagesPerConnection messages sent on one connection before it is closed (0 = no limit)
     * @param idleTimeout an idle connection older than this is closed instead of reused
     */
    public record PoolSettings(int maxConnectionsPerHost, int maxMessagesPerConnection, Duration idleTimeout) {
        /** 8 connections per host, 100 messages per connection, 30 s idle. */
        public static final PoolSettings DEFAULT = new PoolSettings(8, 100, Duration.ofSeconds(30));

        /**
         * Checks the limits.
         *
         * @param maxConnectionsPerHost at least 1
         * @param maxMessagesPerConnection 0 for no limit
         * @param idleTimeout not negative
         */
        public PoolSettings {
            if (maxConnectionsPerHost < 1 || maxMessagesPerConnection < 0 || idleTimeout.isNegative()) {
                throw new IllegalArgumentException("invalid pool settings");
            }
        }
    }

    /**
     * Starts from the defaults: opportunistic STARTTLS policy of the transport, system trust, no credentials.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding these settings, to change some.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tlsMode = tlsMode;
        b.trust = trust;
        b.credentials = credentials;
        b.heloName = heloName;
        b.timeouts = timeouts;
        b.pool = pool;
        b.listener = listener;
        b.properties.putAll(properties);
        b.rateLimit = rateLimit;
        b.protocol = protocol;
        b.network = network;
        return b;
    }

    /**
     * The property {@code key}, if set.
     *
     * @param key the property name
     * @return its value, if set
     */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    private static void checkHeloName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            throw new IllegalArgumentException("HELO name must be 1 to 255 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7F) {
                throw new IllegalArgumentException("HELO name must be printable ASCII without spaces");
            }
        }
    }

    /**
     * The port to connect to when a host names none: {@link MailProtocol#defaultPort(TlsMode)} for the protocol and
     * the host's TLS mode.
     *
     * @param mode the TLS mode of the connection
     * @return the port
     */
    public int defaultPort(TlsMode mode) {
        return protocol.defaultPort(mode);
    }

    /** Builds settings; defaults: SMTP, opportunistic TLS, system trust, no credentials, RFC 5321 timeouts, direct connections. */
    public static final class Builder {
        private TlsMode tlsMode = TlsMode.OPPORTUNISTIC;
        private TrustSettings trust = TrustSettings.SYSTEM;
        private Optional<Credentials> credentials = Optional.empty();
        private Optional<String> heloName = Optional.empty();
        private Timeouts timeouts = Timeouts.RFC_5321;
        private PoolSettings pool = PoolSettings.DEFAULT;
        private TranscriptListener listener = TranscriptListener.NONE;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Optional<RateLimit> rateLimit = Optional.empty();
        private MailProtocol protocol = MailProtocol.SMTP;
        private NetworkSettings network = NetworkSettings.DIRECT;

        private Builder() {
        }

        /**
         * The protocol: SMTP (the default) or LMTP.
         *
         * @param value the protocol
         * @return this builder
         */
        public Builder protocol(MailProtocol value) {
            protocol = value;
            return this;
        }

        /**
         * How connections reach the server (default {@link NetworkSettings#DIRECT}).
         *
         * @param value the network settings
         * @return this builder
         */
        public Builder network(NetworkSettings value) {
            network = value;
            return this;
        }

        /**
         * Transactions per destination host, applied by the {@link Sender} built with these settings.
         *
         * @param value the limit, or null for none
         * @return this builder
         */
        public Builder rateLimit(RateLimit value) {
            rateLimit = Optional.ofNullable(value);
            return this;
        }

        /**
         * The TLS mode.
         *
         * @param value the mode
         * @return this builder
         */
        public Builder tlsMode(TlsMode value) {
            tlsMode = value;
            return this;
        }

        /**
         * How certificates are checked.
         *
         * @param value the trust settings
         * @return this builder
         */
        public Builder trust(TrustSettings value) {
            trust = value;
            return this;
        }

        /**
         * Credentials for AUTH.
         *
         * @param value the credentials
         * @return this builder
         */
        public Builder credentials(Credentials value) {
            credentials = Optional.ofNullable(value);
            return this;
        }

        /**
         * The name sent with EHLO.
         *
         * @param value a host name or address literal
         * @return this builder
         */
        public Builder heloName(String value) {
            heloName = Optional.ofNullable(value);
            return this;
        }

        /**
         * The timeouts.
         *
         * @param value the timeouts
         * @return this builder
         */
        public Builder timeouts(Timeouts value) {
            timeouts = value;
            return this;
        }

        /**
         * The connection pool.
         *
         * @param value the pool settings
         * @return this builder
         */
        public Builder pool(PoolSettings value) {
            pool = value;
            return this;
        }

        /**
         * Receives the SMTP dialogue.
         *
         * @param value the listener
         * @return this builder
         */
        public Builder listener(TranscriptListener value) {
            listener = value;
            return this;
        }

        /**
         * A provider property ({@code --set KEY=VALUE}).
         *
         * @param key the name
         * @param value the value
         * @return this builder
         */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /**
         * Several provider properties.
         *
         * @param values names and values
         * @return this builder
         */
        public Builder properties(Map<String, String> values) {
            properties.putAll(values);
            return this;
        }

        /**
         * The settings.
         *
         * @return the settings
         */
        public TransportSettings build() {
            return new TransportSettings(tlsMode, trust, credentials, heloName, timeouts, pool, listener,
                    properties, rateLimit, protocol, network);
        }
    }
}
