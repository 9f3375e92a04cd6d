package dev.sendmail.config;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an account reaches its mail server: where mail goes ({@link Routing}), TLS ({@link Security}) and the
 * credentials ({@link Auth}); the half of an account's settings that a transport and a {@code Sender} take. The
 * other half, what happens to each message, starts with {@link MessagePolicy}. Immutable.
 *
 * <p>Read an account with {@link #builder(Account, UserEnvironment)}, put values given elsewhere (such as
 * command-line options, which override the file as in msmtp) on the builder, and {@link Builder#build()}.
 *
 * @param routing where mail goes
 * @param security TLS
 * @param auth credentials
 */
public record ServerSettings(Routing routing, Security security, Auth auth) {

    /** The total time a send may take when nothing else is set: 30 minutes. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

    /**
     * Where mail goes and how the connection is made.
     *
     * @param smartHost relay everything through this host; empty for direct MX delivery
     * @param transport explicit transport provider name
     * @param resolver explicit resolver provider name
     * @param dnsServers DNS servers ({@code HOST[:PORT]})
     * @param mxPort port for every MX host
     * @param routes per-domain routes: mail for the domain goes through the host
     * @param heloName the EHLO name
     * @param properties provider properties
     * @param timeout per-operation timeout
     * @param deadline total time
     * @param discoverSubmission the smart hosts come from the sender domain's SRV records (RFC 6186)
     * @param fallbackHosts smart hosts tried in order after {@code smartHost}
     * @param rateLimit messages per destination host
     * @param connection the protocol (SMTP or LMTP), the SOCKS5 proxy and the local address
     */
    public record Routing(Optional<MailHost> smartHost, Optional<String> transport, Optional<String> resolver,
                          List<String> dnsServers, OptionalInt mxPort, Map<String, MailHost> routes,
                          Optional<String> heloName, Map<String, String> properties, Optional<Duration> timeout,
                          Duration deadline, boolean discoverSubmission, List<MailHost> fallbackHosts,
                          Optional<RateLimit> rateLimit, NetworkKeys.Connection connection) {

        /**
         * Copies the collections and checks that fallback hosts have a smart host and that a smart host and SRV
         * discovery are not both set.
         *
         * @param smartHost relay everything through this host
         * @param transport explicit transport provider name
         * @param resolver explicit resolver provider name
         * @param dnsServers DNS servers
         * @param mxPort port for every MX host
         * @param routes per-domain routes
         * @param heloName the EHLO name
         * @param properties provider properties
         * @param timeout per-operation timeout
         * @param deadline total time
         * @param discoverSubmission the smart hosts come from SRV records
         * @param fallbackHosts smart hosts tried in order after {@code smartHost}
         * @param rateLimit messages per destination host
         * @param connection the protocol, the proxy and the local address
         * @throws IllegalArgumentException for fallback hosts without a smart host, or a smart host with discovery
         */
        public Routing {
            dnsServers = List.copyOf(dnsServers);
            fallbackHosts = List.copyOf(fallbackHosts);
            if (smartHost.isEmpty() && !fallbackHosts.isEmpty()) {
                throw new IllegalArgumentException("fallback hosts need a smart host");
            }
            routes = Map.copyOf(routes);
            properties = Map.copyOf(properties);
            if (discoverSubmission && smartHost.isPresent()) {
                throw new IllegalArgumentException("a smart host and SRV discovery exclude each other");
            }
        }

        /** @return the named smart hosts in the order they are tried: the first, then the fallbacks; empty for MX */
        public List<MailHost> smartHosts() {
            List<MailHost> all = new ArrayList<>();
            smartHost.ifPresent(all::add);
            all.addAll(fallbackHosts);
            return all;
        }

        /** @return true when mail goes through a smart host, named or found through SRV */
        public boolean relays() {
            return smartHost.isPresent() || discoverSubmission;
        }
    }

    /**
     * TLS.
     *
     * @param tlsMode the mode, defaults applied
     * @param trust certificate checks
     * @param tlsModeChosen true when the mode was named (it then overrides the mode an SRV record implies); false
     *        for a default and for msmtp's {@code tls on}
     */
    public record Security(TlsMode tlsMode, TrustSettings trust, boolean tlsModeChosen) {
    }

    /**
     * Credentials.
     *
     * @param user the user name, when authenticating
     * @param password where the password comes from; empty without a user and with OAuth 2
     * @param mechanisms allowed SASL mechanisms (upper case), empty for any
     * @param oauth2 the OAuth 2 client settings, when the token comes from an OAuth 2 provider
     * @param userSetting where the user name was set, for warnings: {@code --user} or
     *        {@code user NAME in FILE line N} ({@link Account#setting})
     */
    public record Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms,
                       Optional<OAuth2Config> oauth2, String userSetting) {

        /**
         * Copies {@code mechanisms}.
         *
         * @param user the user name
         * @param password where the password comes from
         * @param mechanisms allowed SASL mechanisms
         * @param oauth2 the OAuth 2 client settings
         * @param userSetting where the user name was set
         */
        public Auth {
            mechanisms = List.copyOf(mechanisms);
        }

        /**
         * Credentials whose user name was given as {@code --user}.
         *
         * @param user the user name
         * @param password where the password comes from
         * @param mechanisms allowed SASL mechanisms
         * @param oauth2 the OAuth 2 client settings
         */
        public Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms,
                    Optional<OAuth2Config> oauth2) {
            this(user, password, mechanisms, oauth2, "--user");
        }
    }

    /** @return a builder with nothing set: direct MX delivery, opportunistic TLS, no credentials */
    public static Builder builder() {
        return new Builder(Account.EMPTY, null);
    }

    /**
     * A builder holding {@code account}'s values: {@code host}, {@code fallback_host}, {@code port}, {@code tls*},
     * {@code auth}, {@code user}, {@code password}, {@code passwordeval}, {@code oauth2_*}, {@code domain},
     * {@code dns}, {@code mx_port}, {@code dnssec_anchor}, {@code timeout}, {@code transport}, {@code resolver},
     * {@code rate_limit}. Files the account names are checked here.
     *
     * @param account the account
     * @param env expands {@code ~} in paths; gives the directories of OAuth 2 token files
     * @return the builder
     * @throws ConfigException naming the key and where it was set: a host that does not parse, a
     *         {@code fallback_host} without {@code host}, a file that cannot be read
     */
    public static Builder builder(Account account, UserEnvironment env) throws ConfigException {
        return AccountReader.server(account, env, new Builder(account, env));
    }

    /**
     * The OAuth 2 settings of {@code account}, when it has an {@code oauth2_client_id} and {@code mechanisms}
     * name XOAUTH2 or OAUTHBEARER (a queued message's route takes its token from its account again this way).
     *
     * @param account the account
     * @param env expands {@code ~} in paths; gives the directories of token files
     * @param mechanisms the SASL mechanisms allowed (upper case)
     * @return the settings, empty when the account has no {@code oauth2_client_id}
     * @throws ConfigException for {@code oauth2_*} keys without a client id or an OAuth 2 mechanism, and for a
     *         client secret or token file that others can read
     */
    public static Optional<OAuth2Config> oauth2(Account account, UserEnvironment env, List<String> mechanisms)
            throws ConfigException {
        return AccountReader.oauth2(account, env, mechanisms);
    }

    /**
     * Collects server settings; {@link #build()} applies the defaults and checks them together. Each setter
     * replaces what was set before (by the account or an earlier call). Not thread-safe.
     */
    public static final class Builder {

        final Account account;
        final UserEnvironment env;
        List<MailHost> hosts = List.of();
        boolean discoverSubmission;
        OptionalInt port = OptionalInt.empty();
        Optional<String> transport = Optional.empty();
        Optional<String> resolver = Optional.empty();
        List<String> dnsServers = List.of();
        OptionalInt mxPort = OptionalInt.empty();
        Map<String, MailHost> routes = Map.of();
        Optional<String> heloName = Optional.empty();
        Map<String, String> properties = Map.of();
        Optional<Path> dnssecAnchor = Optional.empty();
        Optional<Duration> timeout = Optional.empty();
        Duration deadline = DEFAULT_DEADLINE;
        Optional<RateLimit> rateLimit = Optional.empty();
        Optional<NetworkKeys.Connection> connection = Optional.empty();
        Optional<TlsMode> tlsMode = Optional.empty();
        boolean tlsModeChosen;
        boolean startTls = true;
        Optional<Path> caFile = Optional.empty();
        Optional<String> pin = Optional.empty();
        Optional<Path> certFile = Optional.empty();
        Optional<Path> keyFile = Optional.empty();
        boolean insecure;
        boolean authOff;
        Optional<String> user = Optional.empty();
        String userSetting = "--user";
        java.util.function.Consumer<String> warnings = w -> { };
        Optional<PasswordSource> password = Optional.empty();
        boolean passwordGiven;
        List<String> mechanisms = List.of();

        Builder(Account account, UserEnvironment env) {
            this.account = account;
            this.env = env;
        }

        /**
         * @param value the smart hosts, tried in order; a host without a port gets {@link #port(int)}'s; empty
         *        for direct MX delivery. Turns SRV discovery off.
         * @return this builder
         */
        public Builder smartHosts(List<MailHost> value) {
            hosts = List.copyOf(value);
            discoverSubmission = false;
            return this;
        }

        /**
         * The smart hosts come from the SRV records of the sender's domain (RFC 6186; msmtp's {@code host auto}).
         * Clears the smart hosts.
         *
         * @return this builder
         */
        public Builder discoverSubmission() {
            hosts = List.of();
            discoverSubmission = true;
            return this;
        }

        /**
         * @param value the port of each smart host given without one
         * @return this builder
         */
        public Builder port(int value) {
            port = OptionalInt.of(value);
            return this;
        }

        /**
         * @param name the transport provider's name
         * @return this builder
         */
        public Builder transport(String name) {
            transport = Optional.of(name);
            return this;
        }

        /**
         * @param name the resolver provider's name
         * @return this builder
         */
        public Builder resolver(String name) {
            resolver = Optional.of(name);
            return this;
        }

        /**
         * @param value DNS servers ({@code HOST[:PORT]}) for MX and other look-ups
         * @return this builder
         */
        public Builder dnsServers(List<String> value) {
            dnsServers = List.copyOf(value);
            return this;
        }

        /**
         * @param value the port to connect to on every MX host
         * @return this builder
         */
        public Builder mxPort(int value) {
            mxPort = OptionalInt.of(value);
            return this;
        }

        /**
         * @param value per-domain routes: mail for a domain goes through its host
         * @return this builder
         */
        public Builder routes(Map<String, MailHost> value) {
            routes = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * @param value the name sent in EHLO
         * @return this builder
         */
        public Builder heloName(String value) {
            heloName = Optional.of(value);
            return this;
        }

        /**
         * @param value provider properties; the account's {@code dnssec_anchor} is added as
         *        {@code dnssec-anchor} unless they hold that key
         * @return this builder
         */
        public Builder properties(Map<String, String> value) {
            properties = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * @param value the timeout of each network operation
         * @return this builder
         */
        public Builder timeout(Duration value) {
            timeout = Optional.of(value);
            return this;
        }

        /**
         * @param value the total time a send may take ({@link #DEFAULT_DEADLINE} unless set)
         * @return this builder
         */
        public Builder deadline(Duration value) {
            deadline = value;
            return this;
        }

        /**
         * @param value messages per destination host
         * @return this builder
         */
        public Builder rateLimit(RateLimit value) {
            rateLimit = Optional.of(value);
            return this;
        }

        /**
         * @param value the protocol, the SOCKS5 proxy and the local address, in place of the account's
         *        {@code protocol}, {@code proxy_host}, {@code proxy_port} and {@code source_ip}
         * @return this builder
         */
        public Builder connection(NetworkKeys.Connection value) {
            connection = Optional.of(value);
            return this;
        }

        /**
         * Names the TLS mode (it then also applies to hosts found through SRV).
         *
         * @param value the mode
         * @return this builder
         */
        public Builder tlsMode(TlsMode value) {
            tlsMode = Optional.of(value);
            tlsModeChosen = true;
            return this;
        }

        /**
         * msmtp's {@code tls on}: TLS without naming a mode; STARTTLS unless the account sets
         * {@code tls_starttls off}, then implicit TLS. Hosts found through SRV keep their own mode.
         *
         * @return this builder
         */
        public Builder tlsOn() {
            tlsMode = Optional.of(startTls ? TlsMode.STARTTLS : TlsMode.SMTPS);
            tlsModeChosen = false;
            return this;
        }

        /**
         * @param file trust the certificate authorities in this file (PEM or PKCS#12) instead of the system's
         * @return this builder
         */
        public Builder caFile(Path file) {
            caFile = Optional.of(file);
            return this;
        }

        /**
         * @param sha256 accept only the server certificate with this SHA-256 fingerprint
         * @return this builder
         * @throws IllegalArgumentException when it is not a SHA-256 fingerprint
         */
        public Builder pin(String sha256) {
            pin = Optional.of(TrustSettings.normalizePin(sha256));
            return this;
        }

        /**
         * @param file the client certificate (PEM with {@link #clientKey(Path)}, or PKCS#12)
         * @return this builder
         */
        public Builder clientCertificate(Path file) {
            certFile = Optional.of(file);
            return this;
        }

        /**
         * @param file the client certificate's private key (PEM PKCS#8)
         * @return this builder
         */
        public Builder clientKey(Path file) {
            keyFile = Optional.of(file);
            return this;
        }

        /**
         * Dangerous: no certificate or host-name check at all. Once set, stays set.
         *
         * @return this builder
         */
        public Builder insecure() {
            insecure = true;
            return this;
        }

        /**
         * Authenticates as {@code name}, also when the account says {@code auth off}; the password is then the
         * account's unless {@link #password(PasswordSource)} gives one. Warnings name it {@code --user}.
         *
         * @param name the user name
         * @return this builder
         */
        public Builder user(String name) {
            user = Optional.of(name);
            userSetting = "--user";
            authOff = false;
            return this;
        }

        /**
         * @param source where the password comes from; replaces the account's password and its OAuth 2 settings
         * @return this builder
         */
        public Builder password(PasswordSource source) {
            password = Optional.of(source);
            passwordGiven = true;
            return this;
        }

        /**
         * @param value the SASL mechanisms to allow (any case); empty for the strongest offered
         * @return this builder
         */
        public Builder mechanisms(List<String> value) {
            mechanisms = value.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
            return this;
        }

        /**
         * @param value receives a line naming the setting and where it was set for each of the account's keys
         *        that changes nothing ({@code proxy_port} without {@code proxy_host}, a part of
         *        {@code tls_priorities} that cannot be mapped); by default such lines are dropped
         * @return this builder
         */
        public Builder warnings(java.util.function.Consumer<String> value) {
            warnings = value;
            return this;
        }

        /**
         * Applies the defaults and checks the settings together. The TLS mode, when none was set, is implicit TLS
         * for a first smart host on port 465, STARTTLS for other smart hosts and SRV discovery, opportunistic for
         * MX delivery.
         *
         * @return the settings
         * @throws IllegalArgumentException for settings that contradict each other: a port with SRV discovery, a
         *         client key without its certificate
         * @throws ConfigException for credentials that cannot be used (a user without a password, OAuth 2 keys
         *         without a user or without an OAuth 2 mechanism, a token file others can read), and for the
         *         account's {@code tls_crl_file} or {@code tls_priorities} ({@link TlsKeys}); for LMTP without a
         *         host
         */
        public ServerSettings build() throws ConfigException {
            if (discoverSubmission && port.isPresent()) {
                throw new IllegalArgumentException("--server auto (host auto) takes the port from the SRV records; "
                        + "drop --port (or port)");
            }
            List<MailHost> smart = new ArrayList<>();
            for (MailHost h : hosts) {
                smart.add(h.port().isEmpty() && port.isPresent() ? h.withPort(port.getAsInt()) : h);
            }
            Map<String, String> props = new LinkedHashMap<>(properties);
            dnssecAnchor.ifPresent(a -> props.putIfAbsent("dnssec-anchor", a.toString()));
            NetworkKeys.Connection net = connection.isPresent() ? connection.get()
                    : NetworkKeys.of(account, warnings);
            if (smart.isEmpty() && !discoverSubmission && net.network().unixSocket().isPresent()) {
                smart.add(MailHost.of("localhost")); // msmtp: socket stands for host and port
            }
            Optional<MailHost> first = smart.isEmpty() ? Optional.empty() : Optional.of(smart.get(0));
            if (net.protocol() == MailProtocol.LMTP && first.isEmpty()) {
                throw new ConfigException(ConfigException.Reason.INVALID, account.setting(ConfigKey.PROTOCOL)
                        + " needs a host: LMTP hands mail to one local delivery agent, never to the hosts found in DNS");
            }
            Routing routing = new Routing(first, transport, resolver, dnsServers, mxPort, routes, heloName, props,
                    timeout, deadline, discoverSubmission, smart.isEmpty() ? List.of() : smart.subList(1, smart.size()),
                    rateLimit, net);
            TlsMode mode = tlsMode.orElseGet(() -> discoverSubmission ? TlsMode.STARTTLS
                    : first.isEmpty() ? TlsMode.OPPORTUNISTIC
                    : first.get().port().orElse(0) == 465 ? TlsMode.SMTPS : TlsMode.STARTTLS);
            if (keyFile.isPresent() && certFile.isEmpty()) {
                throw new IllegalArgumentException("--tls-key (tls_key_file) needs --tls-cert (tls_cert_file)");
            }
            TrustSettings trust = TrustSettings.SYSTEM;
            if (caFile.isPresent()) {
                trust = trust.withCaFile(caFile.get());
            }
            if (pin.isPresent()) {
                trust = trust.withPins(List.of(pin.get()));
            }
            if (certFile.isPresent()) {
                trust = trust.withClientCertificate(new ClientCertificate(certFile.get(), keyFile,
                        Optional.<Secret>empty()));
            }
            if (insecure) {
                trust = trust.withInsecure(true);
            }
            if (env != null) {
                trust = TlsKeys.apply(account, trust, env, warnings);
            }
            return new ServerSettings(routing, new Security(mode, trust, tlsModeChosen), auth());
        }

        private Auth auth() throws ConfigException {
            Optional<String> u = authOff ? Optional.empty() : user;
            Optional<PasswordSource> p = passwordGiven || !authOff ? password : Optional.empty();
            Optional<OAuth2Config> oauth2 = passwordGiven ? Optional.empty()
                    : AccountReader.oauth2(account, env, mechanisms);
            if (oauth2.isPresent()) {
                if (u.isEmpty()) {
                    throw new ConfigException(ConfigException.Reason.INVALID,
                            "OAuth2 (oauth2_* keys) needs the mailbox to log in as: set user");
                }
                return new Auth(u, Optional.empty(), mechanisms, oauth2, userSetting);
            }
            if (u.isPresent() && p.isEmpty()) {
                throw new ConfigException(ConfigException.Reason.INVALID, "a user name is set but no password: use "
                        + "--password-file, --password-env, --password-cmd or passwordeval in the configuration file");
            }
            return new Auth(u, u.isEmpty() ? Optional.empty() : p, mechanisms, Optional.empty(), userSetting);
        }
    }
}
