package dev.sendmail.cli.config;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.DeliveryOptions;
import dev.sendmail.api.Dsn;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.MailProtocol;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import dev.sendmail.cli.options.HeaderFields;
import dev.sendmail.cli.options.ValueChecks;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.cli.output.ExitCodes;
import dev.sendmail.config.Account;
import dev.sendmail.config.Aliases;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ConfigKey;
import dev.sendmail.config.LogSettings;
import dev.sendmail.config.MessagePolicy;
import dev.sendmail.config.MsmtpFrom;
import dev.sendmail.config.NetworkKeys;
import dev.sendmail.config.PasswordSource;
import dev.sendmail.config.TlsKeys;
import dev.sendmail.oauth2.OAuth2Config;
import dev.sendmail.oauth2.OAuth2Provider;
import dev.sendmail.oauth2.OAuth2TokenSource;
import dev.sendmail.oauth2.RefreshTokenFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/**
 * Maps parsed options and the selected configuration-file account to a {@link CliConfig}. Command-line options
 * override the file. Every value is checked here, once, with a one-line error.
 */
public final class CliConfigMapper {

    /** Options whose values end up in message headers or the envelope: a bad value is bad data (65). */
    private static final Set<String> DATA_OPTIONS = Set.of("from", "full-name", "to", "cc", "bcc", "subject",
            "header", "reply-to", "attach", "list-unsubscribe");

    static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(30);

    private CliConfigMapper() {
    }

    public static CliConfig map(CommandLine cl, List<String> ignoredFlags, Account account, Environment env)
            throws CliException {
        checkValues(cl);
        List<String> warnings = new ArrayList<>();
        CliConfig.Routing routing = routing(cl, account, warnings);
        CliConfig.Security security = security(cl, account, routing, env, warnings);
        CliConfig.Auth auth = auth(cl, account, env);
        if (auth.user().isPresent() && routing.smartHost().isPresent() && security.tlsMode() == TlsMode.OFF
                && !auth.mechanisms().isEmpty()) {
            warnings.add("warning: " + (cl.hasOption("tls") ? "--tls off" : account.setting(ConfigKey.TLS)) + " with "
                    + (cl.hasOption("auth") ? "--auth " + String.join(",", auth.mechanisms())
                    : account.setting(ConfigKey.AUTH)) + ": the password is sent in clear text");
        }
        CliConfig.EnvelopeSpec envelope = envelope(cl, account, env);
        CliConfig.Compose compose = compose(cl, env);
        if (cl.hasOption("quiet") && cl.hasOption("verbose")) {
            throw CliException.usage("give --quiet or --verbose, not both");
        }
        CliConfig.Output output = new CliConfig.Output(cl.hasOption("verbose"), cl.hasOption("trace"),
                cl.hasOption("json"), cl.hasOption("quiet"), cl.hasOption("debug"));
        if (!compose.isRequested()) {
            for (String o : List.of("cc", "bcc", "header", "reply-to", "list-unsubscribe")) {
                if (cl.hasOption(o)) {
                    throw CliException.usage("--" + o + " is for compose mode (with --subject, --body, --body-file, "
                            + "--html or --attach)");
                }
            }
        } else if (envelope.readRecipients()) {
            throw CliException.usage("-t reads recipients from a complete message; it cannot be combined with compose mode");
        }
        Optional<String> queueDir = value(cl, "queue-dir").or(() -> account.get(ConfigKey.QUEUE_DIR));
        if (cl.hasOption("queue-bounce") && cl.hasOption("queue-no-bounce")) {
            throw CliException.usage("give --queue-bounce or --queue-no-bounce, not both");
        }
        CliConfig.Queue queue = new CliConfig.Queue(queueDir.map(env::expand), !cl.hasOption("queue-no-bounce")
                && (cl.hasOption("queue-bounce") || account.flag(ConfigKey.QUEUE_BOUNCE).orElse(true)),
                cl.hasOption("queue-reroute"));
        if (cl.hasOption("queue-reroute") && !cl.hasOption("queue-run") && !cl.hasOption("queue-flush")) {
            throw CliException.usage("--queue-reroute is for a queue run (-q or --queue-flush)");
        }
        if (queue.dir().isEmpty() && (cl.hasOption("queue-run") || cl.hasOption("queue-flush")
                || cl.hasOption("queue-list"))) {
            throw CliException.usage("the queue commands need --queue-dir DIR (or queue_dir in the configuration)");
        }
        DkimOptions dkim = DkimOptions.map(cl, account, env);
        Optional<String> accountName = account == Account.EMPTY ? Optional.empty() : Optional.of(account.name());
        return new CliConfig(routing, security, auth, envelope, compose, output, queue, dkim, warnings, ignoredFlags,
                accountName, MessagePolicy.of(account), LogSettings.of(account, env.user()));
    }

    private static void checkValues(CommandLine cl) throws CliException {
        for (Option o : cl.getOptions()) {
            String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
            String[] values = o.getValues();
            if (values == null) {
                continue;
            }
            for (String v : values) {
                if (name.equals("body")) {
                    String withoutBreaks = v.replace("\r\n", "").replace('\n', ' ').replace('\t', ' ');
                    ValueChecks.clean("--body", withoutBreaks, ExitCodes.DATA_ERROR);
                } else {
                    ValueChecks.clean("--" + name, v, DATA_OPTIONS.contains(name) ? ExitCodes.DATA_ERROR
                            : ExitCodes.USAGE);
                }
            }
        }
    }

    private static CliConfig.Routing routing(CommandLine cl, Account account, List<String> warnings)
            throws CliException {
        Optional<MailHost> smartHost = Optional.empty();
        List<MailHost> fallbacks = new ArrayList<>();
        // several --server: tried in order; they replace the configuration's host and fallback_host lines
        List<String> servers = values(cl, "server");
        boolean fromCommandLine = !servers.isEmpty();
        if (!fromCommandLine) {
            List<String> configured = new ArrayList<>();
            account.get(ConfigKey.HOST).ifPresent(configured::add);
            if (!configured.isEmpty()) {
                configured.addAll(account.list(ConfigKey.FALLBACK_HOST));
            } else if (account.get(ConfigKey.FALLBACK_HOST).isPresent()) {
                throw CliException.config("fallback_host needs a host to fall back from; add a host line");
            }
            servers = configured;
        }
        Optional<String> server = servers.isEmpty() ? Optional.empty() : Optional.of(servers.get(0));
        boolean auto = servers.stream().anyMatch(v -> v.strip().equalsIgnoreCase("auto"));
        if (auto && servers.size() > 1) {
            throw CliException.usage(fromCommandLine ? "--server auto cannot be given with other --server hosts"
                    : "host auto takes its hosts from the SRV records; drop fallback_host");
        }
        if (auto) {
            if (cl.hasOption("port") || account.integer(ConfigKey.PORT).isPresent()) {
                throw CliException.usage("--server auto takes the port from the SRV records; drop --port (or port)");
            }
        } else if (server.isPresent()) {
            OptionalInt port = cl.hasOption("port") ? OptionalInt.of(parse("--port",
                    () -> MailHost.parsePort(cl.getOptionValue("port")))) : account.integer(ConfigKey.PORT);
            for (int i = 0; i < servers.size(); i++) {
                String v = servers.get(i);
                MailHost h = parse(fromCommandLine || i == 0 ? "--server" : "fallback_host", () -> MailHost.parse(v));
                if (fromCommandLine && servers.size() == 1 && cl.hasOption("port") && h.port().isPresent()
                        && port.isPresent()
                        && h.port().getAsInt() != port.getAsInt()) {
                    throw CliException.usage("--server " + ValueChecks.printable(v.strip()) + " names port "
                            + h.port().getAsInt() + " and --port " + port.getAsInt() + " another; give one");
                }
                if (h.port().isEmpty() && port.isPresent()) {
                    h = h.withPort(port.getAsInt()); // --port (or port) applies to every host given without one
                }
                if (smartHost.isEmpty()) {
                    smartHost = Optional.of(h);
                } else {
                    fallbacks.add(h);
                }
            }
        } else if (cl.hasOption("port")) {
            throw CliException.usage("--port needs --server (for MX delivery use --mx-port)");
        }
        List<String> dns = new ArrayList<>();
        for (String d : values(cl, "dns")) {
            parse("--dns", () -> MailHost.parse(d));
            dns.add(d.strip());
        }
        if (dns.isEmpty()) {
            dns.addAll(account.list(ConfigKey.DNS));
        }
        OptionalInt mxPort = cl.hasOption("mx-port") ? OptionalInt.of(parse("--mx-port",
                () -> MailHost.parsePort(cl.getOptionValue("mx-port")))) : account.integer(ConfigKey.MX_PORT);
        Map<String, MailHost> routes = new LinkedHashMap<>();
        for (String r : values(cl, "route")) {
            int eq = r.indexOf('=');
            if (eq <= 0 || eq == r.length() - 1) {
                throw CliException.usage("--route must be DOMAIN=HOST[:PORT]: " + r);
            }
            String domain = r.substring(0, eq).strip();
            String d = parse("--route", () -> Mailbox.parse("x@" + domain).domain());
            routes.put(d, parse("--route", () -> MailHost.parse(r.substring(eq + 1))));
        }
        Optional<String> helo = value(cl, "helo").or(() -> account.get(ConfigKey.DOMAIN));
        if (helo.isPresent()) {
            String h = helo.get();
            if (h.isEmpty() || h.length() > 255 || !h.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw CliException.usage("--helo must be a host name or address literal (printable ASCII, no spaces)");
            }
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String s : values(cl, "set")) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("--set must be KEY=VALUE: " + s);
            }
            String key = s.substring(0, eq).strip();
            if (!key.matches("[A-Za-z0-9_.-]{1,64}")) {
                throw CliException.usage("--set key must be letters, digits, '.', '_' or '-': " + key);
            }
            props.put(key, s.substring(eq + 1));
        }
        // DNSSEC trust anchors for the dns resolver: --dnssec-anchor (66 when unreadable) or dnssec_anchor (78)
        Optional<String> anchor = value(cl, "dnssec-anchor");
        if (anchor.isPresent()) {
            props.put("dnssec-anchor", existing("--dnssec-anchor", Path.of(anchor.get().strip()), ExitCodes.NO_INPUT)
                    .toString());
        } else if (account.get(ConfigKey.DNSSEC_ANCHOR).isPresent() && !props.containsKey("dnssec-anchor")) {
            props.put("dnssec-anchor", existing("dnssec_anchor", Path.of(account.get(ConfigKey.DNSSEC_ANCHOR).get()),
                    ExitCodes.CONFIG).toString());
        }
        Optional<Duration> timeout = Optional.empty();
        Optional<String> t = value(cl, "timeout").or(() -> account.get(ConfigKey.TIMEOUT).filter(v -> !v.equals("off")));
        if (t.isPresent()) {
            timeout = Optional.of(Duration.ofSeconds(parse("--timeout", () -> ConfigKey.seconds(t.get()))));
        }
        Duration deadline = DEFAULT_DEADLINE;
        if (cl.hasOption("deadline")) {
            deadline = Duration.ofSeconds(parse("--deadline", () -> ConfigKey.seconds(cl.getOptionValue("deadline"))));
        }
        Optional<String> transport = value(cl, "transport").or(() -> account.get(ConfigKey.TRANSPORT));
        Optional<String> resolver = value(cl, "resolver").or(() -> account.get(ConfigKey.RESOLVER));
        Optional<String> rate = value(cl, "rate");
        Optional<dev.sendmail.api.RateLimit> rateLimit = rate.isPresent()
                ? Optional.of(parse("--rate", () -> dev.sendmail.api.RateLimit.parse(rate.get())))
                : account.get(ConfigKey.RATE_LIMIT).map(dev.sendmail.api.RateLimit::parse);
        NetworkKeys.Connection connection;
        try {
            connection = NetworkKeys.of(account, w -> warnings.add("warning: " + w));
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
        if (connection.protocol() == MailProtocol.LMTP && smartHost.isEmpty()) {
            throw CliException.config(account.setting(ConfigKey.PROTOCOL) + " needs a host: LMTP hands mail to one "
                    + "local delivery agent, never to the hosts found in DNS");
        }
        boolean relayGiven = fromCommandLine || cl.hasOption("port")
                || account.origin(ConfigKey.HOST).filter(o -> o.startsWith("-")).isPresent()
                || account.origin(ConfigKey.PORT).filter(o -> o.startsWith("-")).isPresent();
        return new CliConfig.Routing(smartHost, transport, resolver, dns, mxPort, routes, helo, props, timeout,
                deadline, auto, fallbacks, rateLimit, connection, relayGiven);
    }

    private static CliConfig.Security security(CommandLine cl, Account account, CliConfig.Routing routing,
                                               Environment env, List<String> warnings) throws CliException {
        TlsMode mode;
        // msmtp's "tls on" asks for TLS without naming a mode: hosts found through SRV keep theirs
        // --tls on means what "tls on" means in the configuration file (msmtp): STARTTLS unless
        // tls_starttls off; hosts found through SRV keep their own mode
        boolean cliOn = cl.hasOption("tls") && cl.getOptionValue("tls").strip().equalsIgnoreCase("on");
        boolean chosen = cl.hasOption("tls") ? !cliOn
                : account.get(ConfigKey.TLS).filter(t -> !t.equals("on")).isPresent();
        if (cliOn) {
            mode = account.flag(ConfigKey.TLS_STARTTLS).orElse(true) ? TlsMode.STARTTLS : TlsMode.SMTPS;
        } else if (cl.hasOption("tls")) {
            String given = cl.getOptionValue("tls");
            try {
                mode = TlsMode.parse(given);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--tls: unknown TLS mode '" + ValueChecks.printable(given.strip())
                        + "' (use on, smtps, starttls, opportunistic or off)");
            }
        } else if (account.get(ConfigKey.TLS).isPresent()) {
            String t = account.get(ConfigKey.TLS).get();
            mode = switch (t) {
                case "on" -> account.flag(ConfigKey.TLS_STARTTLS).orElse(true) ? TlsMode.STARTTLS : TlsMode.SMTPS;
                default -> TlsMode.parse(t);
            };
        } else if (routing.discoverSubmission()) {
            // each host found through SRV carries its own mode; this one applies to nothing else
            mode = TlsMode.STARTTLS;
        } else if (routing.smartHost().isPresent()) {
            boolean port465 = routing.smartHost().get().port().orElse(0) == 465;
            mode = port465 ? TlsMode.SMTPS : TlsMode.STARTTLS;
        } else {
            mode = TlsMode.OPPORTUNISTIC;
        }
        TrustSettings trust = TrustSettings.SYSTEM;
        Optional<String> ca = value(cl, "cafile");
        if (ca.isPresent()) {
            trust = trust.withCaFile(existing("--cafile", env.expand(ca.get()), ExitCodes.NO_INPUT));
        } else if (account.get(ConfigKey.TLS_TRUST_FILE).isPresent()) {
            String f = account.get(ConfigKey.TLS_TRUST_FILE).get();
            if (!f.equals("system")) {
                trust = trust.withCaFile(existing("tls_trust_file", env.expand(f), ExitCodes.CONFIG));
            }
        }
        Optional<String> pin = value(cl, "tls-fingerprint").or(() -> account.get(ConfigKey.TLS_FINGERPRINT));
        if (pin.isPresent()) {
            trust = trust.withPins(List.of(parse("--tls-fingerprint", () -> TrustSettings.normalizePin(pin.get()))));
        }
        Optional<String> cert = value(cl, "tls-cert").or(() -> account.get(ConfigKey.TLS_CERT_FILE));
        Optional<String> key = value(cl, "tls-key").or(() -> account.get(ConfigKey.TLS_KEY_FILE));
        if (key.isPresent() && cert.isEmpty()) {
            throw CliException.usage("--tls-key needs --tls-cert");
        }
        if (cert.isPresent()) {
            Path c = existing("--tls-cert", env.expand(cert.get()), ExitCodes.NO_INPUT);
            Optional<Path> k = key.isPresent()
                    ? Optional.of(existing("--tls-key", env.expand(key.get()), ExitCodes.NO_INPUT)) : Optional.empty();
            trust = trust.withClientCertificate(new ClientCertificate(c, k, Optional.<Secret>empty()));
        }
        boolean insecure = cl.hasOption("tls-insecure") || account.flag(ConfigKey.TLS_CERTCHECK).map(b -> !b).orElse(false);
        if (insecure) {
            trust = trust.withInsecure(true);
            warnings.add("warning: " + (cl.hasOption("tls-insecure") ? "--tls-insecure"
                    : account.setting(ConfigKey.TLS_CERTCHECK))
                    + ": server certificates and host names are NOT checked; "
                    + "anyone on the path can read and change this mail and take any password");
        }
        if (mode == TlsMode.OFF) {
            warnings.add("warning: " + (cl.hasOption("tls") ? "--tls=off" : account.setting(ConfigKey.TLS))
                    + ": this mail (and any password) travels in clear text");
        }
        try {
            trust = TlsKeys.apply(account, trust, env.user(), w -> warnings.add("warning: " + w));
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
        return new CliConfig.Security(mode, trust, chosen);
    }

    private static CliConfig.Auth auth(CommandLine cl, Account account, Environment env) throws CliException {
        List<PasswordSource> sources = new ArrayList<>();
        value(cl, "password-file").ifPresent(f -> sources.add(new PasswordSource.FromFile(env.expand(f))));
        value(cl, "password-env").ifPresent(v -> sources.add(new PasswordSource.FromEnvironment(v)));
        value(cl, "password-cmd").ifPresent(c -> sources.add(new PasswordSource.FromCommand(c)));
        if (sources.size() > 1) {
            throw CliException.usage("give only one of --password-file, --password-env and --password-cmd");
        }
        Optional<String> authMode = account.get(ConfigKey.AUTH);
        boolean authOff = authMode.map("off"::equals).orElse(false) && !cl.hasOption("user");
        Optional<PasswordSource> password = sources.stream().findFirst();
        if (password.isEmpty() && !authOff) {
            if (account.get(ConfigKey.PASSWORDEVAL).isPresent()) {
                password = Optional.of(new PasswordSource.FromCommand(account.get(ConfigKey.PASSWORDEVAL).get()));
            } else if (account.get(ConfigKey.PASSWORD).isPresent()) {
                password = Optional.of(new PasswordSource.Literal(Secret.of(account.get(ConfigKey.PASSWORD).get())));
            }
        }
        Optional<String> user = value(cl, "user").or(() -> authOff ? Optional.empty() : account.get(ConfigKey.USER));
        String userSetting = cl.hasOption("user") ? "--user" : account.setting(ConfigKey.USER);
        List<String> mechanisms = new ArrayList<>();
        Optional<String> mech = value(cl, "auth").or(() -> authMode.filter(m -> !m.equals("on") && !m.equals("off")));
        if (mech.isPresent()) {
            for (String m : mech.get().split("[,\\s]+")) {
                if (!m.matches("[A-Za-z0-9_-]{1,40}")) {
                    throw CliException.usage("--auth: invalid mechanism name: " + m);
                }
                mechanisms.add(m.toUpperCase(Locale.ROOT));
            }
        }
        Optional<OAuth2Config> oauth2 = sources.isEmpty() ? oauth2(account, env, mechanisms) : Optional.empty();
        if (oauth2.isPresent()) {
            password = Optional.empty();
            if (user.isEmpty()) {
                throw CliException.config("OAuth2 (oauth2_* keys) needs the mailbox to log in as: set user");
            }
            return new CliConfig.Auth(user, password, mechanisms, oauth2, userSetting);
        }
        if (user.isPresent() && password.isEmpty()) {
            throw CliException.config("a user name is set but no password: use --password-file, --password-env, "
                    + "--password-cmd or passwordeval in the configuration file");
        }
        if (user.isEmpty() && !sources.isEmpty()) {
            throw CliException.usage("a password option needs --user");
        }
        if (user.isEmpty()) {
            password = Optional.empty();
        }
        return new CliConfig.Auth(user, password, mechanisms, Optional.empty(), userSetting);
    }

    /**
     * The account's OAuth 2 settings when it names XOAUTH2 or OAUTHBEARER and has an {@code oauth2_client_id};
     * a client secret or refresh token file others can read is refused here (78), before anything is sent.
     */
    public static Optional<OAuth2Config> oauth2(Account account, Environment env, List<String> mechanisms)
            throws CliException {
        Optional<String> clientId = account.get(ConfigKey.OAUTH2_CLIENT_ID);
        boolean oauthMechanism = mechanisms.contains("XOAUTH2") || mechanisms.contains("OAUTHBEARER");
        if (clientId.isEmpty()) {
            for (ConfigKey k : List.of(ConfigKey.OAUTH2_PROVIDER, ConfigKey.OAUTH2_TOKEN_ENDPOINT,
                    ConfigKey.OAUTH2_REFRESH_TOKEN_FILE)) {
                if (account.get(k).isPresent()) {
                    throw CliException.config(k.key() + " needs oauth2_client_id");
                }
            }
            return Optional.empty();
        }
        if (!oauthMechanism) {
            throw CliException.config("oauth2_client_id needs auth xoauth2 or auth oauthbearer");
        }
        Optional<Path> secretFile = account.get(ConfigKey.OAUTH2_CLIENT_SECRET_FILE).map(env::expand);
        Optional<Path> refreshFile = account.get(ConfigKey.OAUTH2_REFRESH_TOKEN_FILE)
                .map(env::expand);
        OAuth2Config c = new OAuth2Config(
                account.get(ConfigKey.OAUTH2_PROVIDER).map(p -> OAuth2Provider.valueOf(p.toUpperCase(Locale.ROOT))),
                account.get(ConfigKey.OAUTH2_TOKEN_ENDPOINT).map(ConfigKey::httpsUrl),
                account.get(ConfigKey.OAUTH2_DEVICE_ENDPOINT).map(ConfigKey::httpsUrl),
                account.get(ConfigKey.OAUTH2_AUTHORIZE_ENDPOINT).map(ConfigKey::httpsUrl),
                clientId.get(), secretFile, account.get(ConfigKey.OAUTH2_SCOPE), refreshFile);
        try {
            c.client();
            for (Path f : List.of(c.refreshTokenFile(env.dataDirectory(), accountName(account)),
                    OAuth2TokenSource.cacheFile(env.cacheDirectory(), accountName(account)))) {
                if (Files.exists(f)) {
                    RefreshTokenFile.checkPrivate(f);
                }
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            String m = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                    : e.getMessage();
            throw CliException.config(m);
        }
        return Optional.of(c);
    }

    /** The account's name for its token files: {@code default} without a configuration file. */
    public static String accountName(Account account) {
        return account == Account.EMPTY ? "default" : account.name();
    }

    /**
     * The account's sender: its {@code from} with msmtp's substitutions made (a pattern is never a sender), else,
     * with {@code auto_from on}, the user name at {@code maildomain} (the host name without one).
     */
    private static Optional<Mailbox> accountSender(Account account, Environment env) throws CliException {
        Optional<String> raw = account.get(ConfigKey.FROM).filter(v -> !MsmtpFrom.isPattern(v));
        if (raw.isEmpty() && account.flag(ConfigKey.AUTO_FROM).orElse(false)) {
            raw = Optional.of("%U@" + account.get(ConfigKey.MAILDOMAIN).filter(d -> !d.isBlank()).orElse("%H"));
        }
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Addresses.mailbox("from", MsmtpFrom.expand(raw.get(), env.user())));
        } catch (IllegalArgumentException e) {
            throw CliException.config(e.getMessage());
        }
    }

    private static CliConfig.EnvelopeSpec envelope(CommandLine cl, Account account, Environment env)
            throws CliException {
        Optional<Mailbox> from = Optional.empty();
        boolean nullSender = false;
        Optional<String> f = value(cl, "from");
        if (f.isPresent() && cl.hasOption("read-envelope-from")) {
            throw CliException.usage("give -f or --read-envelope-from, not both");
        }
        Optional<Mailbox> accountFrom = accountSender(account, env);
        boolean locked = accountFrom.isPresent() && !account.flag(ConfigKey.ALLOW_FROM_OVERRIDE).orElse(true);
        if (cl.hasOption("read-envelope-from")) {
            // SendCommand takes the sender from the message's From field when none is set here
            if (cl.hasOption("subject") || cl.hasOption("body") || cl.hasOption("body-file") || cl.hasOption("html")
                    || cl.hasOption("attach")) {
                throw CliException.usage("--read-envelope-from reads a complete message; it cannot be combined with "
                        + "compose mode");
            }
        } else if (f.isPresent() && !locked && (f.get().isBlank() || f.get().strip().equals("<>"))) {
            nullSender = true;
        } else if (f.isPresent() && !locked) {
            from = Optional.of(Addresses.mailbox("-f", f.get()));
        }
        if (from.isEmpty() && !nullSender && (locked || !cl.hasOption("read-envelope-from"))) {
            // allow_from_override off: the account's from is the sender whatever -f or the message says
            from = accountFrom;
        }
        Aliases aliases;
        try {
            aliases = account.get(ConfigKey.ALIASES).isPresent()
                    ? Aliases.load(env.expand(account.get(ConfigKey.ALIASES).get())) : Aliases.NONE;
        } catch (ConfigException e) {
            throw CliException.of(e);
        }
        Map<Mailbox, String> names = new HashMap<>();
        List<Mailbox> rcpts = new ArrayList<>();
        for (String a : cl.getArgList()) {
            rcpts.addAll(Addresses.parseList("recipient", a, aliases, names));
        }
        for (String a : values(cl, "to")) {
            rcpts.addAll(Addresses.parseList("--to", a, aliases, names));
        }
        List<Mailbox> cc = new ArrayList<>();
        for (String a : values(cl, "cc")) {
            cc.addAll(Addresses.parseList("--cc", a, aliases, names));
        }
        List<Mailbox> bcc = new ArrayList<>();
        for (String a : values(cl, "bcc")) {
            bcc.addAll(Addresses.parseList("--bcc", a, aliases));
        }
        Dsn dsn = Dsn.NONE;
        Optional<String> notify = value(cl, "dsn-notify").or(() -> account.get(ConfigKey.DSN_NOTIFY)
                .filter(v -> !v.equalsIgnoreCase("off")));
        Optional<String> ret = value(cl, "dsn-return").or(() -> account.get(ConfigKey.DSN_RETURN)
                .filter(v -> !v.equals("off")).map(v -> v.equals("headers") ? "hdrs" : v));
        Optional<String> envid = value(cl, "envid");
        if (notify.isPresent() || ret.isPresent() || envid.isPresent()) {
            Set<Dsn.Notify> n = notify.isPresent() ? parse("-N", () -> Dsn.parseNotify(notify.get())) : Set.of();
            Optional<Dsn.Ret> r = ret.isPresent() ? Optional.of(parse("-R", () -> Dsn.parseRet(ret.get())))
                    : Optional.empty();
            dsn = parse("-V", () -> new Dsn(n, r, envid.map(String::strip), false));
        }
        DeliveryOptions options = DeliveryOptions.DEFAULT.withDsn(dsn).withRequireTls(cl.hasOption("require-tls"));
        return new CliConfig.EnvelopeSpec(from, nullSender, value(cl, "full-name").or(() -> account.get(
                ConfigKey.FROM_FULL_NAME).filter(n -> !n.isBlank())), cl.hasOption("read-recipients"),
                cl.hasOption("ignore-dots"), rcpts, cc, bcc, options, aliases, names);
    }

    private static CliConfig.Compose compose(CommandLine cl, Environment env) throws CliException {
        if (cl.hasOption("body") && cl.hasOption("body-file")) {
            throw CliException.usage("give --body or --body-file, not both");
        }
        Optional<Path> bodyFile = value(cl, "body-file").map(env::expand);
        if (bodyFile.isPresent()) {
            readable("--body-file", bodyFile.get());
        }
        Optional<Path> html = value(cl, "html").map(env::expand);
        if (html.isPresent()) {
            readable("--html", html.get());
        }
        List<Path> attachments = new ArrayList<>();
        for (String a : values(cl, "attach")) {
            Path p = env.expand(a);
            readable("--attach", p);
            attachments.add(p);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String h : values(cl, "header")) {
            headers.add(HeaderFields.parseOption(h));
        }
        List<String> replyTo = new ArrayList<>();
        for (String r : values(cl, "reply-to")) {
            Addresses.parseList("--reply-to", r); // checked here: a bad address is bad data before anything is read
            replyTo.add(r);
        }
        Optional<URI> unsubscribe = Optional.empty();
        Optional<URI> unsubscribeMailto = Optional.empty();
        for (String u : values(cl, "list-unsubscribe")) {
            URI uri;
            try {
                uri = new URI(u.strip());
            } catch (URISyntaxException e) {
                throw CliException.data("--list-unsubscribe: not a URL: " + ValueChecks.printable(u));
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("https") && unsubscribe.isEmpty()) {
                unsubscribe = Optional.of(uri);
            } else if (scheme.equals("mailto") && unsubscribeMailto.isEmpty()) {
                unsubscribeMailto = Optional.of(uri);
            } else {
                throw CliException.data("--list-unsubscribe takes one https URL (one-click needs https, RFC 8058) "
                        + "and at most one mailto: URL: " + ValueChecks.printable(u));
            }
        }
        if (unsubscribeMailto.isPresent() && unsubscribe.isEmpty()) {
            throw CliException.data("--list-unsubscribe: one-click unsubscribe needs an https URL beside the mailto: "
                    + "one (RFC 8058)");
        }
        return new CliConfig.Compose(value(cl, "subject"), value(cl, "body"), bodyFile, html, attachments, headers,
                replyTo, unsubscribe, unsubscribeMailto);
    }

    private static void readable(String what, Path p) throws CliException {
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw CliException.noInput(what + ": cannot read " + p + (Files.exists(p) ? "" : ": no such file"));
        }
    }

    private static Path existing(String what, Path p, int code) throws CliException {
        if (!Files.isReadable(p)) {
            throw new CliException(code, what + ": cannot read " + p);
        }
        return p;
    }

    private static Optional<String> value(CommandLine cl, String name) {
        return Optional.ofNullable(cl.getOptionValue(name));
    }

    private static List<String> values(CommandLine cl, String name) {
        String[] v = cl.getOptionValues(name);
        return v == null ? List.of() : List.of(v);
    }

    private interface Parse<T> {
        T get();
    }

    /** Runs a parser that throws IllegalArgumentException and turns its message into a usage error. */
    private static <T> T parse(String what, Parse<T> p) throws CliException {
        try {
            return p.get();
        } catch (IllegalArgumentException e) {
            throw CliException.usage(what + ": " + e.getMessage());
        }
    }
}
