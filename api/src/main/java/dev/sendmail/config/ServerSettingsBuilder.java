package dev.sendmail.config;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.RateLimit;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.config.ServerSettings.Auth;
import dev.sendmail.config.ServerSettings.Routing;
import dev.sendmail.config.ServerSettings.Security;
import dev.sendmail.api.ControlCharacters;
import dev.sendmail.oauth2.OAuth2Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Collects server settings; {@link #build()} applies the defaults and checks them together. Each setter
 * replaces what was set before (by the account or an earlier call). Not thread-safe.
 */
public final class ServerSettingsBuilder {

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
    Duration deadline = ServerSettings.DEFAULT_DEADLINE;
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
    // where the user name and the dangerous choices were set, for the warnings: the configuration key until a
    // setter names its call; AccountReader names the account's lines, a front end its own options
    String userSetting = ConfigKey.USER.key();
    String tlsSetting = ConfigKey.TLS.key();
    String trustSetting = ConfigKey.TLS_CERTCHECK.key();
    String authSetting = ConfigKey.AUTH.key();
    java.util.function.Consumer<String> warnings = w -> { };
    Optional<PasswordSource> password = Optional.empty();
    boolean passwordGiven;
    List<String> mechanisms = List.of();

    ServerSettingsBuilder(Account account, UserEnvironment env) {
        this.account = account;
        this.env = env;
    }

    /**
     * @param value the smart hosts, tried in order; a host without a port gets {@link #port(int)}'s; empty
     *        for direct MX delivery. Turns SRV discovery off.
     * @return this builder
     */
    public ServerSettingsBuilder smartHosts(List<MailHost> value) {
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
    public ServerSettingsBuilder discoverSubmission() {
        hosts = List.of();
        discoverSubmission = true;
        return this;
    }

    /**
     * @param value the port of each smart host given without one
     * @return this builder
     */
    public ServerSettingsBuilder port(int value) {
        port = OptionalInt.of(value);
        return this;
    }

    /**
     * @param name the transport provider's name
     * @return this builder
     */
    public ServerSettingsBuilder transport(String name) {
        transport = Optional.of(name);
        return this;
    }

    /**
     * @param name the resolver provider's name
     * @return this builder
     */
    public ServerSettingsBuilder resolver(String name) {
        resolver = Optional.of(name);
        return this;
    }

    /**
     * @param value DNS servers ({@code HOST[:PORT]}) for MX and other look-ups
     * @return this builder
     * @throws IllegalArgumentException for a server that is no {@code HOST[:PORT]}
     */
    public ServerSettingsBuilder dnsServers(List<String> value) {
        value.forEach(MailHost::parse);
        dnsServers = value.stream().map(String::strip).toList();
        return this;
    }

    /**
     * @param value the port to connect to on every MX host
     * @return this builder
     */
    public ServerSettingsBuilder mxPort(int value) {
        mxPort = OptionalInt.of(value);
        return this;
    }

    /**
     * @param value per-domain routes: mail for a domain goes through its host
     * @return this builder
     */
    public ServerSettingsBuilder routes(Map<String, MailHost> value) {
        routes = new LinkedHashMap<>(value);
        return this;
    }

    /**
     * @param value the name sent in EHLO
     * @return this builder
     * @throws IllegalArgumentException when it is not 1 to 255 characters of printable ASCII without spaces
     */
    public ServerSettingsBuilder heloName(String value) {
        if (value.isEmpty() || value.length() > 255 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("the EHLO name must be a host name or address literal (printable ASCII, "
                    + "no spaces)");
        }
        heloName = Optional.of(value);
        return this;
    }

    /**
     * @param value provider properties; the account's {@code dnssec_anchor} is added as
     *        {@code dnssec-anchor} unless they hold that key
     * @return this builder
     * @throws IllegalArgumentException for a name that is not 1 to 64 letters, digits, '.', '_' or '-'
     */
    public ServerSettingsBuilder properties(Map<String, String> value) {
        value.keySet().forEach(ServerSettingsBuilder::checkPropertyName);
        properties = new LinkedHashMap<>(value);
        return this;
    }

    /**
     * Adds one provider property to those set before, replacing a value of the same name.
     *
     * @param name the property's name
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException for a name that is not 1 to 64 letters, digits, '.', '_' or '-'
     */
    public ServerSettingsBuilder property(String name, String value) {
        checkPropertyName(name);
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(name, Objects.requireNonNull(value, "value"));
        properties = more;
        return this;
    }

    private static void checkPropertyName(String name) {
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("a property name must be letters, digits, '.', '_' or '-': "
                    + ControlCharacters.escape(name));
        }
    }

    /**
     * @param value the timeout of each network operation
     * @return this builder
     */
    public ServerSettingsBuilder timeout(Duration value) {
        timeout = Optional.of(value);
        return this;
    }

    /**
     * @param value the total time a send may take ({@link ServerSettings#DEFAULT_DEADLINE} unless set)
     * @return this builder
     */
    public ServerSettingsBuilder deadline(Duration value) {
        deadline = value;
        return this;
    }

    /**
     * @param value messages per destination host
     * @return this builder
     */
    public ServerSettingsBuilder rateLimit(RateLimit value) {
        rateLimit = Optional.of(value);
        return this;
    }

    /**
     * @param value the protocol, the SOCKS5 proxy and the local address, in place of the account's
     *        {@code protocol}, {@code proxy_host}, {@code proxy_port} and {@code source_ip}
     * @return this builder
     */
    public ServerSettingsBuilder connection(NetworkKeys.Connection value) {
        connection = Optional.of(value);
        return this;
    }

    /**
     * Names the TLS mode (it then also applies to hosts found through SRV).
     *
     * @param value the mode
     * @return this builder
     */
    public ServerSettingsBuilder tlsMode(TlsMode value) {
        tlsMode = Optional.of(value);
        tlsModeChosen = true;
        tlsSetting = "tlsMode(" + value.name() + ")";
        return this;
    }

    /**
     * msmtp's {@code tls on}: TLS without naming a mode; STARTTLS unless the account sets
     * {@code tls_starttls off}, then implicit TLS. Hosts found through SRV keep their own mode.
     *
     * @return this builder
     */
    public ServerSettingsBuilder tlsOn() {
        tlsMode = Optional.of(startTls ? TlsMode.STARTTLS : TlsMode.SMTPS);
        tlsModeChosen = false;
        tlsSetting = "tlsOn()";
        return this;
    }

    /**
     * The TLS mode given as text: {@code on} as {@link #tlsOn()}, any other value as {@link #tlsMode(TlsMode)}
     * with {@link TlsMode#parse(String)}'s mode.
     *
     * @param value {@code on}, {@code smtps}, {@code starttls}, {@code opportunistic} or {@code off} (any case)
     * @return this builder
     * @throws IllegalArgumentException for another value, naming the values allowed
     */
    public ServerSettingsBuilder tls(String value) {
        if (value.strip().equalsIgnoreCase("on")) {
            return tlsOn();
        }
        try {
            return tlsMode(TlsMode.parse(value));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown TLS mode '" + ControlCharacters.escape(value.strip())
                    + "' (use on, smtps, starttls, opportunistic or off)");
        }
    }

    /**
     * @param file trust the certificate authorities in this file (PEM or PKCS#12) instead of the system's
     * @return this builder
     */
    public ServerSettingsBuilder caFile(Path file) {
        caFile = Optional.of(file);
        return this;
    }

    /**
     * @param sha256 accept only the server certificate with this SHA-256 fingerprint
     * @return this builder
     * @throws IllegalArgumentException when it is not a SHA-256 fingerprint
     */
    public ServerSettingsBuilder pin(String sha256) {
        pin = Optional.of(TrustSettings.normalizePin(sha256));
        return this;
    }

    /**
     * @param file the client certificate (PEM with {@link #clientKey(Path)}, or PKCS#12)
     * @return this builder
     */
    public ServerSettingsBuilder clientCertificate(Path file) {
        certFile = Optional.of(file);
        return this;
    }

    /**
     * @param file the client certificate's private key (PEM PKCS#8)
     * @return this builder
     */
    public ServerSettingsBuilder clientKey(Path file) {
        keyFile = Optional.of(file);
        return this;
    }

    /**
     * Dangerous: no certificate or host-name check at all. Once set, stays set.
     *
     * @return this builder
     */
    public ServerSettingsBuilder insecure() {
        insecure = true;
        trustSetting = "insecure()";
        return this;
    }

    /**
     * Authenticates as {@code name}, also when the account says {@code auth off}; the password is then the
     * account's unless {@link #password(PasswordSource)} gives one. Warnings name it {@code user(NAME)}.
     *
     * @param name the user name
     * @return this builder
     */
    public ServerSettingsBuilder user(String name) {
        return user(name, "user(" + ControlCharacters.escape(name) + ")");
    }

    /**
     * As {@link #user(String)}, for a front end whose users set the user name some other way: warnings name the
     * setting as {@code origin} says.
     *
     * @param name the user name
     * @param origin where the user name was given, as warnings name it, such as the command-line option
     *        {@code --user}
     * @return this builder
     */
    public ServerSettingsBuilder user(String name, String origin) {
        user = Optional.of(name);
        userSetting = origin;
        authOff = false;
        return this;
    }

    /**
     * @param source where the password comes from; replaces the account's password and its OAuth 2 settings. It
     *        needs a user name ({@link #user(String)} or the account's {@code user}): {@link #build()} refuses it
     *        without one rather than drop it
     * @return this builder
     */
    public ServerSettingsBuilder password(PasswordSource source) {
        password = Optional.of(source);
        passwordGiven = true;
        return this;
    }

    /**
     * @param value the SASL mechanisms to allow (any case); empty for the strongest offered
     * @return this builder
     * @throws IllegalArgumentException for a name that is not 1 to 40 letters, digits, '_' or '-'
     */
    public ServerSettingsBuilder mechanisms(List<String> value) {
        mechanisms = checkedMechanisms(value);
        authSetting = "mechanisms(" + String.join(", ", mechanisms) + ")";
        return this;
    }

    /**
     * As {@link #mechanisms(List)}, for a front end whose users name the mechanisms some other way: warnings name
     * the setting as {@code origin} says.
     *
     * @param value the SASL mechanisms to allow (any case); empty for the strongest offered
     * @param origin where the mechanisms were named, as warnings name it, such as the command-line option
     *        {@code --auth=PLAIN}
     * @return this builder
     * @throws IllegalArgumentException for a name that is not 1 to 40 letters, digits, '_' or '-'
     */
    public ServerSettingsBuilder mechanisms(List<String> value, String origin) {
        mechanisms = checkedMechanisms(value);
        authSetting = origin;
        return this;
    }

    private static List<String> checkedMechanisms(List<String> value) {
        for (String m : value) {
            if (!m.matches("[A-Za-z0-9_-]{1,40}")) {
                throw new IllegalArgumentException("invalid mechanism name: " + ControlCharacters.escape(m));
            }
        }
        return value.stream().map(m -> m.toUpperCase(Locale.ROOT)).toList();
    }

    /**
     * @param value receives a line naming the setting and where it was set for each of the account's keys
     *        that changes nothing ({@code proxy_port} without {@code proxy_host}, a part of
     *        {@code tls_priorities} that cannot be mapped), and, when {@link #build()} succeeds, for each choice
     *        that puts the mail or the password at risk (certificates not checked, TLS off, a password in clear
     *        text); a setting made on this builder is named as the call that made it ({@code tlsMode(OFF)},
     *        {@code insecure()}, {@code mechanisms(PLAIN)}), or as the origin given with it
     *        ({@link #user(String, String)}, {@link #mechanisms(List, String)}); by default such lines are dropped
     * @return this builder
     */
    public ServerSettingsBuilder warnings(java.util.function.Consumer<String> value) {
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
     *         client key without its certificate, a password given to this builder without a user name
     * @throws ConfigException for credentials that cannot be used (a user without a password, OAuth 2 keys
     *         without a user or without an OAuth 2 mechanism, a token file others can read), and for the
     *         account's {@code tls_crl_file} or {@code tls_priorities} ({@link TlsKeys}); for LMTP without a
     *         host
     */
    public ServerSettings build() throws ConfigException {
        if (discoverSubmission && port.isPresent()) {
            throw new IllegalArgumentException("SRV discovery (host auto) takes the port from the SRV records: "
                    + "give no port");
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
            throw new IllegalArgumentException("a client key (tls_key_file) needs its certificate (tls_cert_file)");
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
        ServerSettings s = new ServerSettings(routing, new Security(mode, trust, tlsModeChosen), auth());
        DangerousSettings.of(s, tlsSetting, trustSetting, authSetting).forEach(warnings);
        return s;
    }

    private Auth auth() throws ConfigException {
        Optional<String> u = authOff ? Optional.empty() : user;
        Optional<PasswordSource> p = passwordGiven || !authOff ? password : Optional.empty();
        if (passwordGiven && u.isEmpty()) {
            throw new IllegalArgumentException("a password was given but no user name to log in as (user)");
        }
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
            throw new ConfigException(ConfigException.Reason.INVALID, "a user name (user) is set but no password: "
                    + "give one (password or passwordeval, or a password file, variable or command)");
        }
        return new Auth(u, u.isEmpty() ? Optional.empty() : p, mechanisms, Optional.empty(), userSetting);
    }
}
