package dev.sendmail.cli.command;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Mailbox;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.Secret;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.Sender;
import dev.sendmail.api.SubmissionDiscovery;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.cli.config.CliConfig;
import dev.sendmail.cli.input.SendmailInput;
import dev.sendmail.cli.output.CliException;
import dev.sendmail.local.ExitCodes;
import dev.sendmail.config.ConfigException;
import dev.sendmail.config.ServerSetup;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.spi.Transport;
import dev.sendmail.spi.TransportProvider;
import dev.sendmail.sts.StsTlsPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the transport, the resolver (for direct delivery) and the {@link Sender} from the settings; closes
 * them at the end. Providers are chosen by {@link Providers}: an explicit name wins, else the highest priority.
 *
 * @param sender the sender
 * @param transport the transport, for probes
 * @param resolver the resolver, when direct delivery or SRV discovery uses one
 * @param discovery what {@code --server auto} found, for {@code --plan}
 * @param secret the password read for the transport, wiped on close
 * @param senderRoutes the setups of the accounts chosen by envelope sender ({@link SenderRoutes}), closed with this one
 */
record SenderSetup(Sender sender, Transport transport, Optional<Resolver> resolver,
                   Optional<SubmissionDiscovery.Result> discovery, Optional<Secret> secret,
                   List<SenderSetup> senderRoutes) implements AutoCloseable {

    /**
     * @param listener receives the dialogue and routing notes
     * @throws CliException 78 for a provider that is missing or refuses the settings, 77 for an unreadable password
     */
    static SenderSetup create(Invocation inv, TranscriptListener listener) throws CliException {
        return create(inv, listener, true);
    }

    /**
     * @param withCredentials false for plans and probes, which never authenticate: no password is read (a
     *        password command does not run)
     */
    static SenderSetup create(Invocation inv, TranscriptListener listener, boolean withCredentials)
            throws CliException {
        return create(inv, listener, withCredentials, Optional.empty());
    }

    /**
     * @param sender the message's envelope sender, whose domain {@code --server auto} looks up; when empty, the
     *        configured sender or the local user's address
     * @throws CliException 68 when {@code --server auto} finds no submission server, 75 when DNS failed
     */
    static SenderSetup create(Invocation inv, TranscriptListener listener, boolean withCredentials,
                              Optional<Mailbox> sender) throws CliException {
        return create(inv, listener, withCredentials, sender, Optional.empty());
    }

    /**
     * @param connectionsPerHost the pool's limit of connections to one host, when not the transport's default
     */
    static SenderSetup create(Invocation inv, TranscriptListener listener, boolean withCredentials,
                              Optional<Mailbox> sender, Optional<Integer> connectionsPerHost) throws CliException {
        return create(inv, listener, withCredentials, sender, connectionsPerHost, Optional.empty(), true);
    }

    /**
     * @param signer signs every message (a sender route's DKIM key); empty when the caller signs
     * @param withSenderRoutes whether accounts selected by envelope sender become sender routes
     */
    private static SenderSetup create(Invocation inv, TranscriptListener listener, boolean withCredentials,
                                      Optional<Mailbox> sender, Optional<Integer> connectionsPerHost,
                                      Optional<dev.sendmail.api.MessageSigner> signer, boolean withSenderRoutes)
            throws CliException {
        CliConfig c = inv.config();
        if (!c.output().quiet()) {
            for (String w : c.warnings()) {
                inv.warn(w);
            }
        }
        Providers<TransportProvider> transports = Providers.transports(SenderSetup.class.getClassLoader());
        TransportProvider tp = transports.select(c.routing().transport());
        inv.note("transport '" + tp.name() + "' (" + (c.routing().transport().isPresent() ? "chosen by name"
                : "highest priority") + " of: " + String.join(", ", transports.names()) + ")");
        for (String p : transports.problems()) {
            inv.note("a transport provider failed to load: " + p);
        }
        TransportSettings.Builder ts = ServerSetup.transport(c.server(), listener);
        if (connectionsPerHost.isPresent()) {
            TransportSettings.PoolSettings d = TransportSettings.PoolSettings.DEFAULT;
            ts.pool(new TransportSettings.PoolSettings(connectionsPerHost.get(), d.maxMessagesPerConnection(),
                    d.idleTimeout()));
        }
        if (c.auth().user().isPresent() && !c.routing().relays() && tp.usesNetwork()) {
            inv.info("warning: " + c.auth().userSetting() + " is ignored without --server: the password goes only "
                    + "to a smart host, "
                    + "never to hosts found in DNS or given with --route");
        }
        Optional<Secret> secret = Optional.empty();
        // a transport on the network offers them only to a smart host; a local one (file, memory) to nobody at all
        if (withCredentials && c.auth().user().isPresent() && (c.routing().relays() || !tp.usesNetwork())) {
            AccessTokenSource tokens = c.auth().oauth2().isPresent() ? OAuth2Support.tokenSource(inv) : null;
            Optional<Credentials> credentials;
            try {
                credentials = ServerSetup.credentials(c.server(), inv.env().user(), () -> tokens);
            } catch (ConfigException e) {
                throw CliException.of(e);
            }
            if (c.auth().oauth2().isEmpty()) {
                secret = credentials.map(Credentials::secret);
            }
            credentials.ifPresent(ts::credentials);
        }
        Transport transport;
        try {
            transport = tp.create(ts.build());
        } catch (SendMailException | IllegalArgumentException e) {
            secret.ifPresent(Secret::destroy);
            throw CliException.config("transport '" + tp.name() + "': " + e.getMessage());
        }
        Sender.Builder sb = Sender.builder().transport(transport).listener(listener).deadline(c.routing().deadline());
        if (c.routing().rateLimit().isPresent()) {
            java.nio.file.Path state = rateState(inv);
            sb.rateLimit(c.routing().rateLimit().get().sharedThrough(state));
            inv.note("at most " + c.routing().rateLimit().get() + " per destination host, shared through " + state);
        }
        Optional<Resolver> resolver = Optional.empty();
        Optional<SubmissionDiscovery.Result> discovery = Optional.empty();
        try {
            if (!c.routing().relays() && !tp.usesNetwork()
                    && c.routing().routes().isEmpty() && c.routing().dnsServers().isEmpty()
                    && c.routing().resolver().isEmpty() && c.routing().mxPort().isEmpty()) {
                // file and memory deliver nowhere on the network: looking up MX hosts would only add failures
                sb.smartHost(dev.sendmail.api.MailHost.of("localhost"));
                inv.note("transport '" + tp.name() + "' stores messages locally; no MX lookup");
            } else if (c.routing().discoverSubmission()) {
                resolver = Optional.of(createResolver(inv));
                discovery = Optional.of(discover(inv, resolver.get(), sender));
                sb.smartHosts(discovery.get().route());
            } else if (c.routing().smartHost().isPresent() && c.routing().fallbackHosts().isEmpty()) {
                sb.smartHost(c.routing().smartHost().get());
                inv.note("relaying through smart host " + c.routing().smartHost().get() + " with TLS mode "
                        + c.security().tlsMode().cliName());
            } else if (c.routing().smartHost().isPresent()) {
                MailRoute route = ServerSetup.smartRoute(c.server());
                sb.smartHosts(route);
                List<String> shown = new ArrayList<>();
                for (MailHost h : route.hosts()) {
                    shown.add(h + " (" + h.tlsMode(c.security().tlsMode()).cliName() + ")");
                }
                inv.note("relaying through smart hosts tried in order: " + String.join(", ", shown));
            } else {
                try {
                    resolver = Optional.of(createResolver(inv));
                    sb.resolver(resolver.get());
                } catch (dev.sendmail.spi.ProviderLookupException e) {
                    if (c.routing().routes().isEmpty() || c.routing().resolver().isPresent()) {
                        throw e;
                    }
                    inv.note("no resolver (" + e.getMessage() + "); only the configured routes are used");
                }
                c.routing().mxPort().ifPresent(sb::mxPort);
                inv.note("direct MX delivery with TLS mode " + c.security().tlsMode().cliName());
                if (resolver.isPresent()) {
                    sb.domainTlsPolicy(mtaSts(inv, resolver.get()));
                }
            }
            for (Map.Entry<String, dev.sendmail.api.MailHost> r : c.routing().routes().entrySet()) {
                sb.route(r.getKey(), r.getValue());
            }
            signer.ifPresent(sb::signer);
            List<SenderSetup> routed = new ArrayList<>();
            try {
                if (withSenderRoutes) {
                    for (SenderRoutes.Route r : SenderRoutes.of(inv, sender)) {
                        SenderSetup s = create(r.invocation(), listener, withCredentials, Optional.empty(),
                                connectionsPerHost, r.signer(), false);
                        routed.add(s);
                        sb.senderRoute(r.key(), s.sender());
                        inv.note("mail from " + r.key() + " goes through account '" + r.account() + "'");
                    }
                }
            } catch (CliException | RuntimeException e) {
                routed.forEach(SenderSetup::close);
                throw e;
            }
            return new SenderSetup(sb.build(), transport, resolver, discovery, secret, List.copyOf(routed));
        } catch (CliException | RuntimeException e) {
            transport.close();
            resolver.ifPresent(Resolver::close);
            secret.ifPresent(Secret::destroy);
            throw e;
        }
    }

    /**
     * Where concurrent runs share the rate limit: {@code rate-limits} in the queue directory, else in
     * {@code $XDG_CACHE_HOME/send-mail} (default {@code ~/.cache/send-mail}).
     */
    static java.nio.file.Path rateState(Invocation inv) {
        if (inv.config().queue().dir().isPresent()) {
            return inv.config().queue().dir().get().resolve("rate-limits");
        }
        java.nio.file.Path cache = inv.env().user().variable("XDG_CACHE_HOME").filter(v -> !v.isBlank())
                .map(java.nio.file.Path::of).filter(java.nio.file.Path::isAbsolute)
                .orElse(inv.env().user().home().resolve(".cache"));
        return cache.resolve("send-mail").resolve("rate-limits");
    }

    /**
     * {@code --server auto}: the submission servers of the sender's domain. Each host keeps the TLS mode of its
     * service unless {@code --tls} (or the configuration) named one.
     */
    private static SubmissionDiscovery.Result discover(Invocation inv, Resolver resolver, Optional<Mailbox> sender)
            throws CliException {
        CliConfig c = inv.config();
        Mailbox from = sender.isPresent() ? sender.get()
                : c.envelope().from().isPresent() ? c.envelope().from().get() : SendmailInput.defaultSender(inv.env());
        SubmissionDiscovery.Result found;
        try {
            found = ServerSetup.discover(c.server(), resolver, from.domain());
        } catch (ResolutionFailedException e) {
            throw new CliException(ExitCodes.forFailure(e), e.getMessage(), e);
        }
        for (String p : found.problems()) {
            inv.note(p);
        }
        MailRoute route = found.route();
        List<String> shown = new ArrayList<>();
        for (MailHost h : route.hosts()) {
            shown.add(h + " (" + h.tlsMode(c.security().tlsMode()).cliName() + ")");
        }
        inv.note("submission servers of " + found.domain() + " from SRV records: " + String.join(", ", shown));
        return found;
    }

    /**
     * MTA-STS for direct delivery: policies cached in {@code mta-sts}, TLS sessions recorded in {@code tls-rpt}, both
     * under the cache directory; the policy fetch trusts what SMTP trusts ({@code --cafile}).
     */
    private static StsTlsPolicy mtaSts(Invocation inv, Resolver resolver) {
        Path cache = cacheDirectory(inv.env());
        inv.note("MTA-STS on for direct delivery; policies cached in " + cache.resolve("mta-sts"));
        return ServerSetup.mtaSts(inv.config().server(), resolver, cache, inv.env().clock(), inv::warn);
    }

    /** {@code $XDG_CACHE_HOME/send-mail}, else {@code ~/.cache/send-mail}, as the launcher's class-data archive. */
    static Path cacheDirectory(dev.sendmail.cli.config.Environment env) {
        return env.user().variable("XDG_CACHE_HOME").filter(v -> v.startsWith("/")).map(Path::of)
                .orElse(env.user().home().resolve(".cache")).resolve("send-mail");
    }

    static Resolver createResolver(Invocation inv) throws CliException {
        CliConfig c = inv.config();
        Providers<ResolverProvider> resolvers = Providers.resolvers(SenderSetup.class.getClassLoader());
        ResolverProvider rp = resolvers.select(c.routing().resolver());
        inv.note("resolver '" + rp.name() + "' (" + (c.routing().resolver().isPresent() ? "chosen by name"
                : "highest priority") + " of: " + String.join(", ", resolvers.names()) + ")");
        for (String p : resolvers.problems()) {
            inv.note("a resolver provider failed to load: " + p);
        }
        try {
            return rp.create(ServerSetup.resolver(c.server()));
        } catch (SendMailException | IllegalArgumentException e) {
            throw CliException.config("resolver '" + rp.name() + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        senderRoutes.forEach(SenderSetup::close);
        transport.close();
        resolver.ifPresent(Resolver::close);
        secret.ifPresent(Secret::destroy);
    }
}
