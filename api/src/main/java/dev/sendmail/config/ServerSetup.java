package dev.sendmail.config;

import dev.sendmail.api.AccessTokenSource;
import dev.sendmail.api.Credentials;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.SubmissionDiscovery;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.SendMailException;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.local.FullyQualifiedName;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ProviderLookupException;
import dev.sendmail.spi.Providers;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.SrvRecord;
import dev.sendmail.spi.TranscriptListener;
import dev.sendmail.spi.TxtAnswer;
import dev.sendmail.sts.MtaSts;
import dev.sendmail.sts.StsPolicyCache;
import dev.sendmail.sts.StsPolicyFetcher;
import dev.sendmail.sts.StsTlsPolicy;
import dev.sendmail.tlsrpt.TlsReportStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What {@link ServerSettings} mean for the parts a {@link dev.sendmail.api.Sender} is built from: the transport's
 * settings and credentials, the resolver's settings (and the resolver itself, {@link #createResolver}), the route
 * through the smart hosts, and MTA-STS for direct delivery. {@link ConfiguredSender} puts them together. Stateless.
 */
public final class ServerSetup {

    /** A DNS query never waits longer than this, whatever the SMTP timeout. */
    public static final Duration MAX_DNS_TIMEOUT = Duration.ofSeconds(30);

    private ServerSetup() {
    }

    /**
     * The transport's settings: TLS mode and trust, provider properties, the connection keys (protocol, proxy,
     * source address), the EHLO name (when none is set, this host's fully qualified name as {@code hostname -f}
     * gives it, else the transport's address literal) and the SMTP timeout. Credentials and the pool are left to
     * the caller, which alone knows whether a password may be read.
     *
     * @param s the settings
     * @param listener receives the SMTP dialogue
     * @return a builder to complete
     */
    public static TransportSettings.Builder transport(ServerSettings s, TranscriptListener listener) {
        ServerSettings.Routing r = s.routing();
        TransportSettings.Builder ts = TransportSettings.builder()
                .tlsMode(s.security().tlsMode())
                .trust(s.security().trust())
                .listener(listener)
                .properties(r.properties());
        r.connection().applyTo(ts);
        r.heloName().or(FullyQualifiedName::current).ifPresent(ts::heloName);
        r.timeout().ifPresent(t -> ts.timeouts(Timeouts.all(t)));
        return ts;
    }

    /**
     * The credentials of the settings' user: an OAuth 2 token source (for the XOAUTH2 and OAUTHBEARER mechanisms
     * named, or whichever the server offers) when the settings have OAuth 2, else the password, read now from its
     * source. msmtp's rule: a mechanism named explicitly with TLS off may authenticate in clear text.
     *
     * @param s the settings
     * @param env where the password source reads (files, environment, commands)
     * @param tokens the OAuth 2 token source, asked for only when the settings use OAuth 2
     * @return the credentials; empty when the settings name no user. The caller owns a password's
     *     {@link Credentials#secret()}: destroy it when done.
     * @throws ConfigException when the password cannot be read (its reason says why)
     */
    public static Optional<Credentials> credentials(ServerSettings s, UserEnvironment env,
                                                    Supplier<? extends AccessTokenSource> tokens) throws ConfigException {
        ServerSettings.Auth a = s.auth();
        if (a.user().isEmpty()) {
            return Optional.empty();
        }
        boolean clearText = s.security().tlsMode() == TlsMode.OFF && !a.mechanisms().isEmpty();
        if (a.oauth2().isPresent()) {
            List<String> oauth = a.mechanisms().stream().filter(m -> m.equals("XOAUTH2") || m.equals("OAUTHBEARER"))
                    .toList();
            return Optional.of(Credentials.oauth2(a.user().get(), oauth, tokens.get()).withAllowWithoutTls(clearText));
        }
        if (a.password().isEmpty()) {
            throw ConfigException.invalid("no password source for user " + a.user().get());
        }
        return Optional.of(new Credentials(a.user().get(), a.password().get().read(env), a.mechanisms(), clearText));
    }

    /**
     * The submission servers of a domain for settings that discover them ({@code host auto}): the SRV records
     * (RFC 6186, RFC 8314) by {@link SubmissionDiscovery#discover}. Each host keeps the TLS mode of its service
     * unless the settings name a mode ({@link ServerSettings.Security#tlsModeChosen}), which then applies to all.
     *
     * @param s the settings
     * @param resolver looks up the SRV records
     * @param domain the sender's domain
     * @return what was found, with the route to use
     * @throws ResolutionFailedException when there is no usable record or DNS failed
     */
    public static SubmissionDiscovery.Result discover(ServerSettings s, Resolver resolver, String domain)
            throws ResolutionFailedException {
        SubmissionDiscovery.Result found = SubmissionDiscovery.discover(resolver, domain);
        if (!s.security().tlsModeChosen()) {
            return found;
        }
        MailRoute route = found.route();
        List<MailHost> hosts = new ArrayList<>();
        for (MailHost h : route.hosts()) {
            hosts.add(h.withTlsMode(Optional.empty()));
        }
        return new SubmissionDiscovery.Result(found.domain(), found.candidates(),
                new MailRoute(route.domain(), route.kind(), hosts, route.dnssec()), found.problems());
    }

    /**
     * MTA-STS (RFC 8461) for direct delivery, with its state under one directory: policies cached in
     * {@code dir/mta-sts}, TLS sessions recorded for TLS reports (RFC 8460) in {@code dir/tls-rpt}. The policy
     * fetch over HTTPS trusts what SMTP trusts (the settings' CA file; never a pin or an insecure setting).
     *
     * @param s the settings
     * @param resolver looks up the {@code _mta-sts} records and policy hosts
     * @param dir the state directory (send-mail's is {@link UserEnvironment#cacheDirectory})
     * @param clock the time for policy expiry and reports
     * @param problems receives one line per policy problem, for a warning
     * @return the TLS policy to give {@link dev.sendmail.api.Sender.Builder#domainTlsPolicy}
     */
    public static StsTlsPolicy mtaSts(ServerSettings s, Resolver resolver, Path dir, Clock clock,
                                      Consumer<String> problems) {
        MtaSts sts = new MtaSts(resolver, StsPolicyFetcher.create(s.security().trust()),
                Optional.of(new StsPolicyCache(dir.resolve("mta-sts"))), clock);
        return new StsTlsPolicy(sts, Optional.of(TlsReportStore.inCache(dir)), clock, problems);
    }

    /**
     * The resolver's settings: the DNS servers, the provider properties, and the SMTP timeout as the query
     * timeout, at most {@link #MAX_DNS_TIMEOUT}.
     *
     * @param s the settings
     * @return the resolver's settings
     */
    public static ResolverSettings resolver(ServerSettings s) {
        ServerSettings.Routing r = s.routing();
        ResolverSettings rs = ResolverSettings.defaults().withServers(r.dnsServers()).withProperties(r.properties());
        if (r.timeout().isPresent()) {
            rs = rs.withTimeout(r.timeout().get().compareTo(MAX_DNS_TIMEOUT) > 0 ? MAX_DNS_TIMEOUT
                    : r.timeout().get());
        }
        return rs;
    }

    /**
     * The smart host and its fallbacks, tried in order. Unless a TLS mode was named
     * ({@link ServerSettings.Security#tlsModeChosen}), a host on port 465 speaks implicit TLS and any other host
     * STARTTLS, each by its own port.
     *
     * @param s the settings, with at least one smart host
     * @return a static route for every domain ({@code *})
     */
    public static MailRoute smartRoute(ServerSettings s) {
        List<MailHost> hosts = new ArrayList<>();
        for (MailHost h : s.routing().smartHosts()) {
            if (!s.security().tlsModeChosen()) {
                TlsMode byPort = h.port().orElse(0) == 465 ? TlsMode.SMTPS : TlsMode.STARTTLS;
                if (byPort != s.security().tlsMode()) {
                    h = h.withTlsMode(Optional.of(byPort));
                }
            }
            hosts.add(h);
        }
        return new MailRoute("*", MailRoute.Kind.STATIC, hosts);
    }

    /**
     * A resolver for a DNS check made beside a Sender built from the same settings (a DKIM key's record, a sender's
     * SPF and DMARC records, a TLS report's address): {@code shared}, such as {@link ConfiguredSender#resolver()},
     * when there is one, else a new one ({@link #createResolver}). The caller closes what it gets either way:
     * closing a shared resolver's view leaves the resolver open for its owner.
     *
     * @param settings the server settings, for a new resolver
     * @param shared the resolver the Sender already has, if any
     * @param classLoader where the providers are looked for; empty for the context class loader
     * @param notes receives the choice of provider and the providers that failed to load, for a new resolver
     * @return the resolver, to close after the check
     * @throws ConfigException when the provider refuses the settings
     * @throws ProviderLookupException when the named provider is not found, or none at all
     */
    public static Resolver resolverForChecks(ServerSettings settings, Optional<Resolver> shared,
                                             Optional<ClassLoader> classLoader, Consumer<String> notes)
            throws ConfigException {
        return shared.isPresent() ? new SharedResolver(shared.get()) : createResolver(settings, classLoader, notes);
    }

    /** A resolver used by someone who does not own it: every look-up goes to it, closing leaves it open. */
    private record SharedResolver(Resolver owned) implements Resolver {

        @Override
        public MailRoute resolve(String domain) throws ResolutionFailedException {
            return owned.resolve(domain);
        }

        @Override
        public List<SrvRecord> srv(String name) throws ResolutionFailedException {
            return owned.srv(name);
        }

        @Override
        public TxtAnswer txt(String name) throws ResolutionFailedException {
            return owned.txt(name);
        }
    }

    /**
     * Creates the resolver the settings name, else the highest priority found, with the settings' DNS servers and
     * timeout ({@link ServerSetup#resolver}). The caller closes it.
     *
     * @param settings the server settings
     * @param classLoader where the providers are looked for; empty for the context class loader
     * @param notes receives the choice of provider and the providers that failed to load
     * @return the resolver
     * @throws ConfigException when the provider refuses the settings
     * @throws ProviderLookupException when the named provider is not found, or none at all
     */
    public static Resolver createResolver(ServerSettings settings, Optional<ClassLoader> classLoader,
                                          Consumer<String> notes) throws ConfigException {
        Optional<String> name = settings.routing().resolver();
        Providers<ResolverProvider> resolvers = classLoader.map(Providers::resolvers).orElseGet(Providers::resolvers);
        ResolverProvider rp = resolvers.select(name);
        notes.accept(resolvers.describe(rp, name));
        for (String p : resolvers.problems()) {
            notes.accept("a resolver provider failed to load: " + p);
        }
        try {
            return rp.create(ServerSetup.resolver(settings));
        } catch (SendMailException | IllegalArgumentException e) {
            throw ConfigException.invalid("resolver '" + rp.name() + "': " + e.getMessage());
        }
    }
}
