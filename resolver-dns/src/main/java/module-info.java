/**
 * Resolvers for send-mail: {@code dns} (MX, A and AAAA over dnsjava, RFC 5321 section 5 and RFC 7505)
 * and {@code static} (routes from configuration). Only the provider package is exported.
 */
module dev.sendmail.resolver.dns {
    requires transitive dev.sendmail.api;
    requires org.dnsjava;
    requires org.slf4j;

    uses org.slf4j.spi.SLF4JServiceProvider;

    exports dev.sendmail.resolver.dns;

    provides dev.sendmail.spi.ResolverProvider with
            dev.sendmail.resolver.dns.DnsResolverProvider,
            dev.sendmail.resolver.dns.StaticResolverProvider;
}
