package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.Resolver;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The {@code static} resolver: routes from {@link StaticRoutes}, no DNS at all. Address literals route to themselves. */
public final class StaticResolver implements Resolver {

    private final StaticRoutes routes;

    public StaticResolver(StaticRoutes routes) {
        this.routes = routes;
    }

    @Override
    public MailRoute resolve(String domain) throws ResolutionFailedException {
        if (domain == null) {
            throw new ResolutionFailedException("", Reason.PERMANENT, "domain is missing", null);
        }
        if (AddressLiterals.isLiteral(domain)) {
            return AddressLiterals.route(domain);
        }
        String d = DnsClient.printable(DomainNames.parse(domain)).toLowerCase(Locale.ROOT);
        Optional<List<MailHost>> hosts = routes.find(d);
        if (hosts.isEmpty()) {
            throw new ResolutionFailedException(d, Reason.PERMANENT,
                    "no static route for this domain (set route." + d + "=host[:port] or route.*=host[:port])", null);
        }
        return new MailRoute(d, MailRoute.Kind.STATIC, hosts.get());
    }
}
