/**
 * The resolver providers of send-mail: {@link dev.sendmail.resolver.dns.DnsResolverProvider} ({@code dns}) and
 * {@link dev.sendmail.resolver.dns.StaticResolverProvider} ({@code static}). Both are found with
 * {@link java.util.ServiceLoader} through {@code dev.sendmail.spi.Providers.resolvers()}; their implementation is
 * not exported.
 */
package dev.sendmail.resolver.dns;
