package dev.sendmail.config;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.MessageSigner;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SubmissionDiscovery;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProviderLookupException;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * A {@link Sender} built from an account's {@link ServerSettings}, with the parts it was built from: the transport
 * and the resolver created from the providers the settings name (else the highest priority found, see
 * {@link Providers}), the password read for the transport, and the Senders of its sender routes. Closing it closes
 * all of them and wipes the password.
 *
 * <pre>{@code
 * AccountSettings account = AccountSettings.of(ConfigFile.load(path, env).account("work"), env);
 * try (ConfiguredSender s = ConfiguredSender.builder(account, env).build()) {
 *     s.sender().send(message);
 * }
 * }</pre>
 *
 * <p>Where mail goes, first match wins: a transport that stores messages locally (file, memory) and names no
 * route, DNS server, resolver or MX port looks nothing up; SRV discovery ({@code host auto}) relays through the
 * submission servers of the envelope sender's domain; one smart host, or a smart host with fallbacks tried in order
 * ({@link ServerSetup#smartRoute}); otherwise direct delivery to each domain's MX hosts, with MTA-STS (its state
 * under {@link UserEnvironment#cacheDirectory}). Per-domain routes apply in every case. The credentials go only to
 * a smart host, or to a local transport: a user name set for direct delivery is ignored, with a warning.
 *
 * <p>The Sender is thread-safe; this object is not meant to be shared for closing: its owner closes it once, after
 * the last send.
 */
public final class ConfiguredSender implements AutoCloseable {

    private final Sender sender;
    private final Transport transport;
    private final Optional<Resolver> resolver;
    private final Optional<SubmissionDiscovery.Result> discovery;
    private final Optional<Secret> secret;
    private final List<ConfiguredSender> senderRoutes;

    private ConfiguredSender(Sender sender, Transport transport, Optional<Resolver> resolver,
                             Optional<SubmissionDiscovery.Result> discovery, Optional<Secret> secret,
                             List<ConfiguredSender> senderRoutes) {
        this.sender = sender;
        this.transport = transport;
        this.resolver = resolver;
        this.discovery = discovery;
        this.secret = secret;
        this.senderRoutes = List.copyOf(senderRoutes);
    }

    /**
     * Starts a Sender for {@code settings}.
     *
     * @param settings the server settings
     * @param env where a password source reads, and the cache and data directories
     * @return a builder
     */
    public static Builder builder(ServerSettings settings, UserEnvironment env) {
        return new Builder(settings, env);
    }

    /**
     * Starts a Sender for the server half of an account; its name finds its OAuth 2 token files.
     *
     * @param account the account's settings
     * @param env where a password source reads, and the cache and data directories
     * @return a builder
     */
    public static Builder builder(AccountSettings account, UserEnvironment env) {
        return new Builder(account.server(), env).account(account.account());
    }

    /** @return the Sender; it stays usable until {@link #close()} */
    public Sender sender() {
        return sender;
    }

    /** @return the transport, for probes ({@link Transport#probe}) */
    public Transport transport() {
        return transport;
    }

    /** @return the resolver, when direct delivery or SRV discovery uses one */
    public Optional<Resolver> resolver() {
        return resolver;
    }

    /** @return what SRV discovery found, when the settings discover the submission servers */
    public Optional<SubmissionDiscovery.Result> discovery() {
        return discovery;
    }

    /** Closes the Senders of the sender routes, the Sender, its transport and resolver, and wipes the password. */
    @Override
    public void close() {
        senderRoutes.forEach(ConfiguredSender::close);
        sender.close();
        transport.close();
        resolver.ifPresent(Resolver::close);
        secret.ifPresent(Secret::destroy);
    }

    /**
     * Collects what the settings leave open: who hears about the choices made, whether a password may be read, the
     * envelope sender for SRV discovery, the sender routes. Not thread-safe.
     */
    public static final class Builder {

        private final ServerSettings settings;
        private final UserEnvironment env;
        private TranscriptListener listener = TranscriptListener.NONE;
        private Consumer<String> notes = n -> { };
        private Consumer<String> warnings = w -> { };
        private boolean withCredentials = true;
        private Optional<Mailbox> envelopeSender = Optional.empty();
        private OptionalInt connectionsPerHost = OptionalInt.empty();
        private Optional<Path> rateLimitState = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private Optional<String> account = Optional.empty();
        private Optional<MessageSigner> signer = Optional.empty();
        private List<SenderRoute> routes = List.of();
        private Optional<ClassLoader> classLoader = Optional.empty();

        private Builder(ServerSettings settings, UserEnvironment env) {
            this.settings = Objects.requireNonNull(settings, "settings");
            this.env = Objects.requireNonNull(env, "env");
        }

        /**
         * @param value receives the SMTP dialogue, and the Sender's routing notes
         * @return this builder
         */
        public Builder listener(TranscriptListener value) {
            listener = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value receives one line for each choice made (provider, route, rate limit, MTA-STS), for a verbose
         *        log; by default dropped
         * @return this builder
         */
        public Builder notes(Consumer<String> value) {
            notes = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param value receives one line for each setting that is ignored and each MTA-STS policy problem; by
         *        default dropped
         * @return this builder
         */
        public Builder warnings(Consumer<String> value) {
            warnings = Objects.requireNonNull(value);
            return this;
        }

        /**
         * No password is read and no token source made (no password command runs): for plans and probes, which
         * never authenticate.
         *
         * @return this builder
         */
        public Builder withoutCredentials() {
            withCredentials = false;
            return this;
        }

        /**
         * @param value the envelope sender, whose domain SRV discovery looks up; required with {@code host auto}
         * @return this builder
         */
        public Builder envelopeSender(Mailbox value) {
            envelopeSender = Optional.of(value);
            return this;
        }

        /**
         * @param value the pool's limit of connections to one host, in place of the transport's default
         * @return this builder
         */
        public Builder connectionsPerHost(int value) {
            connectionsPerHost = OptionalInt.of(value);
            return this;
        }

        /**
         * @param file where the settings' rate limit is shared with other Senders and processes; by default
         *        {@link RateLimitState#file} without a queue
         * @return this builder
         */
        public Builder rateLimitState(Path file) {
            rateLimitState = Optional.of(file);
            return this;
        }

        /**
         * @param value the time of MTA-STS policy expiry and TLS reports, and of the sender routes' DKIM signatures
         * @return this builder
         */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /**
         * @param name the configuration account the settings came from ({@code defaults} for the defaults section),
         *        whose OAuth 2 token files ({@link OAuth2Account}) the credentials use
         * @return this builder
         */
        public Builder account(String name) {
            account = Optional.of(name);
            return this;
        }

        /**
         * @param value signs every message the Sender sends (for example an account's DKIM key); by default none
         * @return this builder
         */
        public Builder signer(MessageSigner value) {
            signer = Optional.of(value);
            return this;
        }

        /**
         * @param value routes by envelope sender ({@link SenderRoute#of}); each is built like this one (listener,
         *        credentials, pool, rate limit) with its own settings, account and signer, and closed with it
         * @return this builder
         */
        public Builder senderRoutes(List<SenderRoute> value) {
            routes = List.copyOf(value);
            return this;
        }

        /**
         * @param value where the transport and resolver providers are looked for; by default the context class
         *        loader ({@link Providers#transports()})
         * @return this builder
         */
        public Builder classLoader(ClassLoader value) {
            classLoader = Optional.of(value);
            return this;
        }

        /**
         * Creates the transport (reading the password now, unless {@link #withoutCredentials()}), the resolver when
         * one is needed, the sender routes' Senders, and the Sender. On failure, whatever was created is closed.
         *
         * @return the Sender and its parts
         * @throws ConfigException when a provider refuses the settings, the password cannot be read, the OAuth 2
         *         settings are unusable, a sender route cannot be built, or SRV discovery has no envelope sender
         * @throws ResolutionFailedException when SRV discovery finds no submission server or DNS failed
         * @throws ProviderLookupException when a named provider is not found, or none at all
         */
        public ConfiguredSender build() throws ConfigException, ResolutionFailedException {
            ServerSettings.Routing r = settings.routing();
            Providers<TransportProvider> transports = classLoader.map(Providers::transports)
                    .orElseGet(Providers::transports);
            TransportProvider tp = transports.select(r.transport());
            notes.accept(transports.describe(tp, r.transport()));
            for (String p : transports.problems()) {
                notes.accept("a transport provider failed to load: " + p);
            }
            TransportSettings.Builder ts = ServerSetup.transport(settings, listener);
            if (connectionsPerHost.isPresent()) {
                TransportSettings.PoolSettings d = TransportSettings.PoolSettings.DEFAULT;
                ts.pool(new TransportSettings.PoolSettings(connectionsPerHost.getAsInt(),
                        d.maxMessagesPerConnection(), d.idleTimeout()));
            }
            Optional<String> user = settings.auth().user();
            if (user.isPresent() && !r.relays() && tp.usesNetwork()) {
                warnings.accept(settings.auth().userSetting() + " is ignored without --server: the password goes "
                        + "only to a smart host, never to hosts found in DNS or given with --route");
            }
            Optional<Secret> secret = Optional.empty();
            // a transport on the network offers them only to a smart host; a local one (file, memory) to nobody at all
            if (withCredentials && user.isPresent() && (r.relays() || !tp.usesNetwork())) {
                AccessTokenSource tokens = settings.auth().oauth2().isPresent()
                        ? OAuth2Account.of(account, settings, env).tokenSource(settings.security().trust()) : null;
                Optional<Credentials> credentials = ServerSetup.credentials(settings, env, () -> tokens);
                if (tokens == null) {
                    secret = credentials.map(Credentials::secret);
                }
                credentials.ifPresent(ts::credentials);
            }
            Transport transport;
            try {
                transport = tp.create(ts.build());
            } catch (SendMailException | IllegalArgumentException e) {
                secret.ifPresent(Secret::destroy);
                throw ConfigException.invalid("transport '" + tp.name() + "': " + e.getMessage());
            }
            Optional<Resolver> resolver = Optional.empty();
            List<ConfiguredSender> routed = new ArrayList<>();
            try {
                Sender.Builder sb = Sender.builder().transport(transport).listener(listener).deadline(r.deadline());
                if (r.rateLimit().isPresent()) {
                    Path state = rateLimitState.orElseGet(() -> RateLimitState.file(Optional.empty(), env));
                    sb.rateLimit(r.rateLimit().get().sharedThrough(state));
                    notes.accept("at most " + r.rateLimit().get() + " per destination host, shared through " + state);
                }
                Optional<SubmissionDiscovery.Result> discovery = Optional.empty();
                String mode = settings.security().tlsMode().cliName();
                if (!r.relays() && !tp.usesNetwork() && r.routes().isEmpty() && r.dnsServers().isEmpty()
                        && r.resolver().isEmpty() && r.mxPort().isEmpty()) {
                    // file and memory deliver nowhere on the network: looking up MX hosts would only add failures
                    sb.smartHost(MailHost.of("localhost"));
                    notes.accept("transport '" + tp.name() + "' stores messages locally; no MX lookup");
                } else if (r.discoverSubmission()) {
                    resolver = Optional.of(resolver());
                    discovery = Optional.of(discover(resolver.get()));
                    sb.smartHosts(discovery.get().route());
                } else if (r.smartHost().isPresent() && r.fallbackHosts().isEmpty()) {
                    sb.smartHost(r.smartHost().get());
                    notes.accept("relaying through smart host " + r.smartHost().get() + " with TLS mode " + mode);
                } else if (r.smartHost().isPresent()) {
                    MailRoute route = ServerSetup.smartRoute(settings);
                    sb.smartHosts(route);
                    notes.accept("relaying through smart hosts tried in order: " + shown(route));
                } else {
                    try {
                        resolver = Optional.of(resolver());
                        sb.resolver(resolver.get());
                    } catch (ProviderLookupException e) {
                        if (r.routes().isEmpty() || r.resolver().isPresent()) {
                            throw e;
                        }
                        notes.accept("no resolver (" + e.getMessage() + "); only the configured routes are used");
                    }
                    r.mxPort().ifPresent(sb::mxPort);
                    notes.accept("direct MX delivery with TLS mode " + mode);
                    if (resolver.isPresent()) {
                        Path cache = env.cacheDirectory();
                        notes.accept("MTA-STS on for direct delivery; policies cached in " + cache.resolve("mta-sts"));
                        sb.domainTlsPolicy(ServerSetup.mtaSts(settings, resolver.get(), cache, clock, warnings));
                    }
                }
                for (Map.Entry<String, MailHost> e : r.routes().entrySet()) {
                    sb.route(e.getKey(), e.getValue());
                }
                signer.ifPresent(sb::signer);
                for (SenderRoute route : routes) {
                    ConfiguredSender s = routeBuilder(route).build();
                    routed.add(s);
                    sb.senderRoute(route.key(), s.sender());
                    notes.accept("mail from " + route.key() + " goes through account '" + route.account() + "'");
                }
                return new ConfiguredSender(sb.build(), transport, resolver, discovery, secret, routed);
            } catch (ConfigException | ResolutionFailedException | RuntimeException e) {
                routed.forEach(ConfiguredSender::close);
                transport.close();
                resolver.ifPresent(Resolver::close);
                secret.ifPresent(Secret::destroy);
                throw e;
            }
        }

        /** A builder for a sender route: this one's choices with the route's settings, account and signer. */
        private Builder routeBuilder(SenderRoute route) {
            Builder b = new Builder(route.settings(), env).listener(listener).notes(notes).warnings(warnings)
                    .clock(clock).account(route.account());
            b.withCredentials = withCredentials;
            b.connectionsPerHost = connectionsPerHost;
            b.rateLimitState = rateLimitState;
            b.classLoader = classLoader;
            b.signer = route.signer();
            return b;
        }

        private Resolver resolver() throws ConfigException {
            return ServerSetup.createResolver(settings, classLoader, notes);
        }

        /**
         * SRV discovery: each host keeps the TLS mode of its service unless the settings name one.
         */
        private SubmissionDiscovery.Result discover(Resolver resolver) throws ConfigException,
                ResolutionFailedException {
            Mailbox from = envelopeSender.orElseThrow(() -> ConfigException.invalid(
                    "host auto needs the envelope sender, whose domain's SRV records name the submission servers"));
            SubmissionDiscovery.Result found = ServerSetup.discover(settings, resolver, from.domain());
            found.problems().forEach(notes);
            notes.accept("submission servers of " + found.domain() + " from SRV records: " + shown(found.route()));
            return found;
        }

        private String shown(MailRoute route) {
            List<String> shown = new ArrayList<>();
            for (MailHost h : route.hosts()) {
                shown.add(h + " (" + h.tlsMode(settings.security().tlsMode()).cliName() + ")");
            }
            return String.join(", ", shown);
        }
    }
}
