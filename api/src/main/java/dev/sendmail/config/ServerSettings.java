package dev.sendmail.config;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.oauth2.OAuth2Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How an account reaches its mail server: where mail goes ({@link Routing}), TLS ({@link Security}) and the
 * credentials ({@link Auth}); the half of an account's settings that a transport and a {@code Sender} take. The
 * other half, what happens to each message, starts with {@link MessagePolicy}. Immutable.
 *
 * <p>Read an account with {@link #builder(Account, UserEnvironment)}, put values given elsewhere (such as
 * command-line options, which override the file as in msmtp) on the builder, and {@link ServerSettingsBuilder#build()}.
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
     * @param userSetting where the user name was set, for warnings: {@code user(NAME)} for the builder call,
     *        {@code user NAME in FILE line N} ({@link Account#setting}), or what a front end names it
     *        ({@link ServerSettingsBuilder#user(String, String)})
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
         * Credentials whose user name is named by its configuration key, {@code user}, in warnings.
         *
         * @param user the user name
         * @param password where the password comes from
         * @param mechanisms allowed SASL mechanisms
         * @param oauth2 the OAuth 2 client settings
         */
        public Auth(Optional<String> user, Optional<PasswordSource> password, List<String> mechanisms,
                    Optional<OAuth2Config> oauth2) {
            this(user, password, mechanisms, oauth2, ConfigKey.USER.key());
        }
    }

    /** @return a builder with nothing set: direct MX delivery, opportunistic TLS, no credentials */
    public static ServerSettingsBuilder builder() {
        return new ServerSettingsBuilder(Account.EMPTY, null);
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
    public static ServerSettingsBuilder builder(Account account, UserEnvironment env) throws ConfigException {
        return AccountReader.server(account, env, new ServerSettingsBuilder(account, env));
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
    static Optional<OAuth2Config> oauth2(Account account, UserEnvironment env, List<String> mechanisms)
            throws ConfigException {
        return AccountReader.oauth2(account, env, mechanisms);
    }
}
