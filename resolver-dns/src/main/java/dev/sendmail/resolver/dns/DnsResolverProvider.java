package dev.sendmail.resolver.dns;

import dev.sendmail.api.ResolutionFailedException;
import dev.sendmail.api.ResolutionFailedException.Reason;
import dev.sendmail.api.SendMailException;
import dev.sendmail.resolver.dns.internal.DnsOptions;
import dev.sendmail.resolver.dns.internal.DnsResolver;
import dev.sendmail.resolver.dns.internal.QuietLogging;
import dev.sendmail.spi.Resolver;
import dev.sendmail.spi.ResolverProvider;
import dev.sendmail.spi.ResolverSettings;
import java.net.UnknownHostException;
import java.time.Clock;

/**
 * Resolver {@code dns}: MX, A and AAAA records over DNS (dnsjava), following RFC 5321 section 5.1 and RFC 7505.
 * <ul>
 *   <li>MX hosts sorted by preference, equal preferences in random order ({@link ResolverSettings#random()});</li>
 *   <li>no MX: the domain itself (implicit MX); a lone {@code MX 0 .}: the domain takes no mail (permanent);</li>
 *   <li>NXDOMAIN is permanent; SERVFAIL, REFUSED, timeouts and network errors are transient; MX hosts without an
 *       address are skipped, and if none has one the failure is transient; CNAMEs are followed (at most 8, a loop
 *       is permanent); address literals need no DNS;</li>
 *   <li>servers from {@link ResolverSettings#servers()} ({@code host[:port]}, tried in order), else the system's;
 *       {@link ResolverSettings#timeout()} per query; UDP with EDNS, retried over TCP when truncated;</li>
 *   <li>answers cached for the resolver's lifetime (TTLs honoured, at least 60 s), never in static state.</li>
 * </ul>
 * Properties: {@code attempts=N} rounds over the servers (1-5, default 2); {@code tcp=true} to ask over TCP only;
 * {@code addresses=ipv6-first|ipv4-first|ipv4-only|ipv6-only} (default {@code ipv6-first});
 * {@code dnssec=validate|require|off} (default {@code validate}: dnsjava's ValidatingResolver checks every answer
 * against the trust anchors, a bogus answer is a temporary failure, and servers that give no DNSSEC data leave
 * answers unchecked; {@code require} makes that a temporary failure too); {@code dnssec-anchor=FILE} (DS or DNSKEY
 * records replacing the IANA root anchors shipped as a resource). For an MX host whose MX and address records are
 * secure, the TLSA records of {@code _25._tcp.HOST} set its {@link dev.sendmail.api.TlsRequirement} (RFC 7672).
 */
public final class DnsResolverProvider implements ResolverProvider {

    public static final String NAME = "dns";

    public DnsResolverProvider() {
        // no I/O here: ServiceLoader instantiates every provider
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String description() {
        return "DNS MX/AAAA/A lookups via dnsjava (RFC 5321 5.1, null MX RFC 7505), DNSSEC-validated, DANE TLSA "
                + "(RFC 7672); properties attempts=1-5, tcp=true|false, "
                + "addresses=ipv6-first|ipv4-first|ipv4-only|ipv6-only, dnssec=validate|require|off, dnssec-anchor=FILE";
    }

    @Override
    public Resolver create(ResolverSettings settings) throws SendMailException {
        QuietLogging.ensure(); // before dnsjava's first class is loaded
        DnsOptions options;
        try {
            options = DnsOptions.from(settings);
        } catch (IllegalArgumentException e) {
            throw new ResolutionFailedException("dns resolver", Reason.PERMANENT, e.getMessage(), null);
        } catch (UnknownHostException e) {
            throw new ResolutionFailedException("dns resolver", Reason.TEMPORARY,
                    "cannot find DNS server host: " + e.getMessage(), e);
        }
        return new DnsResolver(options, settings.random(), Clock.systemUTC());
    }
}
