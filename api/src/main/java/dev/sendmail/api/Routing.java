package dev.sendmail.api;

import dev.sendmail.spi.DomainTlsPolicy;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where a {@link Sender}'s mail goes: everything through the smart host, or each recipient domain to its
 * configured route, its address literal or the hosts its resolver finds (on the MX port, when one is set), with
 * the domain's TLS policy applied to the hosts found in DNS. Immutable.
 */
final class Routing {

    /** Where mail for a local transport (file, memory) is said to go: it ignores the host. */
    private static final MailHost LOCAL = MailHost.of("localhost");

    /** The recipients of one envelope at one domain ({@code *} for all of them, with a smart host). */
    record Group(String domain, List<Mailbox> recipients, Optional<Mailbox> literal) {
    }

    private final Optional<MailRoute> smartHost;
    private final Optional<Resolver> resolver;
    private final Map<String, MailHost> routes;
    private final Set<String> routesWithCredentials;
    private final OptionalInt mxPort;
    private final Optional<DomainTlsPolicy> tlsPolicy;

    /**
     * @param usesNetwork whether the transport needs hosts; without one, a local transport gets a smart host that
     *        it ignores
     * @throws IllegalStateException with a network transport and no smart host, resolver or route
     */
    Routing(MailRoute smartHost, Resolver resolver, Map<String, MailHost> routes, Set<String> routesWithCredentials,
            OptionalInt mxPort, DomainTlsPolicy tlsPolicy, boolean usesNetwork) {
        if (smartHost == null && resolver == null && routes.isEmpty()) {
            if (usesNetwork) {
                throw new IllegalStateException("a Sender with a network transport needs to know where mail goes: "
                        + "add smartHost(MailHost) to relay through one server, resolver(Resolver) for direct "
                        + "delivery to each domain's MX hosts (resolver-dns provides one), or route(domain, host)");
            }
            this.smartHost = Optional.of(new MailRoute("*", MailRoute.Kind.STATIC, List.of(LOCAL)));
        } else {
            this.smartHost = Optional.ofNullable(smartHost);
        }
        this.resolver = Optional.ofNullable(resolver);
        this.routes = Map.copyOf(routes);
        this.routesWithCredentials = Set.copyOf(routesWithCredentials);
        this.mxPort = mxPort;
        this.tlsPolicy = Optional.ofNullable(tlsPolicy);
    }

    boolean hasSmartHost() {
        return smartHost.isPresent();
    }

    boolean hasTlsPolicy() {
        return tlsPolicy.isPresent();
    }

    /** The smart host's route (for ETRN). */
    MailRoute smartHosts() {
        return smartHost.orElseThrow();
    }

    /** Whether the hosts of this group are offered the transport's credentials: the smart host and such routes. */
    boolean offersCredentials(Group g) {
        return smartHost.isPresent() || routesWithCredentials.contains(g.domain());
    }

    /** The recipients by domain, in envelope order; one group for all with a smart host. */
    List<Group> group(Envelope envelope) {
        if (smartHost.isPresent()) {
            return List.of(new Group("*", envelope.recipients(), Optional.empty()));
        }
        Map<String, List<Mailbox>> byDomain = new LinkedHashMap<>();
        Map<String, Mailbox> literals = new HashMap<>();
        for (Mailbox r : envelope.recipients()) {
            String d = r.domain().toLowerCase(Locale.ROOT);
            byDomain.computeIfAbsent(d, k -> new ArrayList<>()).add(r);
            if (r.isAddressLiteral()) {
                literals.put(d, r);
            }
        }
        List<Group> groups = new ArrayList<>();
        byDomain.forEach((d, list) -> groups.add(new Group(d, List.copyOf(list), Optional.ofNullable(literals.get(d)))));
        return groups;
    }

    /** The hosts for one group, in order. */
    MailRoute route(Group g) throws ResolutionFailedException {
        if (smartHost.isPresent()) {
            return smartHost.get();
        }
        MailHost configured = routes.get(g.domain());
        if (configured != null) {
            return new MailRoute(g.domain(), MailRoute.Kind.STATIC, List.of(configured));
        }
        MailRoute found;
        if (g.literal().isPresent()) {
            InetAddress a = g.literal().get().literalAddress().orElseThrow();
            found = new MailRoute(g.domain(), MailRoute.Kind.ADDRESS_LITERAL,
                    List.of(new MailHost(a.getHostAddress(), OptionalInt.empty(), List.of(a), -1)));
        } else if (resolver.isPresent()) {
            found = resolver.get().resolve(g.domain());
        } else {
            throw new ResolutionFailedException(g.domain(), ResolutionFailedException.Reason.PERMANENT,
                    "no route for this domain and no resolver configured", null);
        }
        if (mxPort.isEmpty()) {
            return found;
        }
        List<MailHost> hosts = new ArrayList<>();
        for (MailHost h : found.hosts()) {
            hosts.add(h.port().isPresent() ? h : h.withPort(mxPort.getAsInt()));
        }
        return new MailRoute(found.domain(), found.kind(), hosts, found.dnssec());
    }

    /** The domain TLS policy's decision for a route the resolver found; empty for other routes or no policy. */
    Optional<DomainTlsPolicy.Decision> decide(MailRoute route, Instant end) {
        if (tlsPolicy.isEmpty() || smartHost.isPresent()
                || (route.kind() != MailRoute.Kind.MX && route.kind() != MailRoute.Kind.IMPLICIT_MX)) {
            return Optional.empty();
        }
        return Optional.of(tlsPolicy.get().decide(route, end));
    }

    /** Where each group's mail would go, without connecting anywhere; {@code end} is asked once per group. */
    List<Sender.RoutePlan> plan(Envelope envelope, Supplier<Instant> end) {
        List<Sender.RoutePlan> plans = new ArrayList<>();
        for (Group g : group(envelope)) {
            try {
                MailRoute found = route(g);
                Optional<DomainTlsPolicy.Decision> d = decide(found, end.get());
                plans.add(new Sender.RoutePlan(g.domain(), g.recipients(),
                        Optional.of(d.map(DomainTlsPolicy.Decision::route).orElse(found)), Optional.empty(),
                        d.map(DomainTlsPolicy.Decision::notes).orElse(List.of()),
                        d.flatMap(DomainTlsPolicy.Decision::refusal)));
            } catch (ResolutionFailedException e) {
                plans.add(new Sender.RoutePlan(g.domain(), g.recipients(), Optional.empty(), Optional.of(e)));
            }
        }
        return plans;
    }
}
