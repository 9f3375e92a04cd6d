package dev.sendmail.resolver.dns;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.api.SendMailException;
import dev.sendmail.resolver.dns.internal.StaticResolver;
import dev.sendmail.resolver.dns.internal.StaticRoutes;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;

/**
 * Resolver {@code static}: routes from configuration, no DNS; for tests and closed networks. Routes are
 * {@link ResolverSettings#properties()} ({@code --set KEY=VALUE}):
 * <pre>
 *   route.example.org=mx1.example.org:2525,192.0.2.7     hosts of example.org, in the order to try
 *   route.*.corp.example=[2001:db8::25]                   any name below corp.example (longest suffix wins)
 *   route.*=relay.example.net                             every other domain
 *   routes=example.org=mx1.example.org,example.net=10.0.0.5:25   several routes in one property
 * </pre>
 * A host is a name, an IPv4 address or {@code [IPv6]}, each with an optional {@code :port}; addresses are used as
 * given, names are looked up by the transport. A domain with no matching route fails permanently; creating the
 * resolver with no route at all fails, so mail is never silently dropped. Address literals route to themselves.
 * Routes have kind {@code STATIC}.
 */
public final class StaticResolverProvider implements ResolverProvider {

    public static final String NAME = "static";

    public StaticResolverProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String description() {
        return "routes from configuration, no DNS: route.<domain>=host[:port][,host[:port]...] "
                + "(domain may be *.suffix or *), or routes=<domain>=host[:port],<domain>=host[:port],...";
    }

    @Override
    public Resolver create(ResolverSettings settings) throws SendMailException {
        StaticRoutes routes;
        try {
            routes = StaticRoutes.parse(settings.properties());
        } catch (IllegalArgumentException e) {
            throw new ResolutionFailedException("static resolver", Reason.PERMANENT, e.getMessage(), null);
        }
        if (routes.isEmpty()) {
            throw new ResolutionFailedException("static resolver", Reason.PERMANENT,
                    "no routes configured; set route.<domain>=host[:port] or routes=<domain>=host[:port],...", null);
        }
        return new StaticResolver(routes);
    }
}
