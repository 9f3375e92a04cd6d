package dev.sendmail.queue;

import dev.sendmail.api.ClientCertificate;
import dev.sendmail.api.ControlCharacters;
import dev.sendmail.api.MailHost;
import dev.sendmail.api.Secret;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TrustSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The route a message was accepted for, recorded in its queue entry so a later run delivers it the same way
 * whatever options that run has. It names where secrets come from, never a secret: the password itself is read
 * again from {@link #passwordSource()} (or the configuration {@link #account()}) when the route is rebuilt.
 * Every field is optional; an empty route means direct MX delivery with the defaults.
 *
 * @param transport the transport provider's name
 * @param smartHost the smart host (with its port, when one was given); empty for MX delivery
 * @param tlsMode the TLS mode
 * @param caFile the certificate authorities trusted instead of the system's
 * @param pins accepted server certificate SHA-256 pins
 * @param tlsInsecure whether certificate checks were turned off
 * @param clientCertificate the client certificate file
 * @param clientKey the client key file
 * @param heloName the EHLO name
 * @param account the configuration account the route came from
 * @param domainRoutes per-domain routes, domain to host
 * @param resolver the resolver provider's name
 * @param dnsServers the DNS servers
 * @param mxPort the port used on every MX host
 * @param authUser the user to authenticate as
 * @param authMechanisms the SASL mechanisms allowed
 * @param passwordSource where the password is read from, as its owner names it (never the password)
 * @param properties provider properties
 * @param fallbackHosts the smart hosts tried in order after {@link #smartHost()} when it cannot take the message
 * @param discoverSubmission whether the smart host is found in DNS (SRV, RFC 6186) for the sender's domain
 *        instead of named; a rebuilt route looks it up again
 * @param tlsHostOverride the name the server certificate was checked against instead of the host's
 * @param crlFile the certificate revocation lists the server's chain was checked against
 * @param tlsProtocols the TLS versions enabled, when not both of {@link TrustSettings#PROTOCOLS}; empty for both
 */
public record QueueRoute(Optional<String> transport, Optional<MailHost> smartHost, Optional<TlsMode> tlsMode,
                         Optional<Path> caFile, List<String> pins, boolean tlsInsecure,
                         Optional<Path> clientCertificate, Optional<Path> clientKey, Optional<String> heloName,
                         Optional<String> account, Map<String, MailHost> domainRoutes, Optional<String> resolver,
                         List<String> dnsServers, OptionalInt mxPort, Optional<String> authUser,
                         List<String> authMechanisms, Optional<String> passwordSource,
                         Map<String, String> properties, List<MailHost> fallbackHosts,
                         boolean discoverSubmission, Optional<String> tlsHostOverride, Optional<Path> crlFile,
                         List<String> tlsProtocols) {

    /** No recorded choice: MX delivery with the defaults (or whatever the delivery decides). */
    public static final QueueRoute DEFAULT = builder().build();

    /**
     * @param transport the transport provider's name
     * @param smartHost the smart host
     * @param tlsMode the TLS mode
     * @param caFile the trusted certificate authorities
     * @param pins server certificate pins
     * @param tlsInsecure whether certificate checks were off
     * @param clientCertificate the client certificate file
     * @param clientKey the client key file
     * @param heloName the EHLO name
     * @param account the configuration account
     * @param domainRoutes per-domain routes
     * @param resolver the resolver provider's name
     * @param dnsServers the DNS servers
     * @param mxPort the MX port
     * @param authUser the user name
     * @param authMechanisms the SASL mechanisms
     * @param passwordSource where the password comes from
     * @param properties provider properties
     * @param fallbackHosts the smart hosts after the first
     * @param discoverSubmission whether the smart host is found through SRV records
     * @param tlsHostOverride the name the server certificate is checked against
     * @param crlFile the certificate revocation lists
     * @param tlsProtocols the TLS versions, some of {@link TrustSettings#PROTOCOLS}; empty for both
     * @throws IllegalArgumentException for a control character in a value, fallback hosts without a smart host,
     *         or a host override or protocols that {@link TrustSettings} refuses
     */
    public QueueRoute {
        pins = List.copyOf(pins);
        tlsProtocols = List.copyOf(tlsProtocols);
        TrustSettings checked = TrustSettings.SYSTEM.withProtocols(tlsProtocols.isEmpty() ? TrustSettings.PROTOCOLS
                : tlsProtocols);
        if (tlsHostOverride.isPresent()) {
            checked.withHostOverride(tlsHostOverride.get());
        }
        authMechanisms = List.copyOf(authMechanisms);
        dnsServers = List.copyOf(dnsServers);
        properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        smartHost = smartHost.map(h -> h.port().isPresent() ? MailHost.of(h.name(), h.port().getAsInt())
                : MailHost.of(h.name()));
        fallbackHosts = fallbackHosts.stream().map(h -> h.port().isPresent() ? MailHost.of(h.name(),
                h.port().getAsInt()) : MailHost.of(h.name())).toList();
        if (smartHost.isEmpty() && !fallbackHosts.isEmpty()) {
            throw new IllegalArgumentException("fallback hosts need a smart host");
        }
        Map<String, MailHost> hosts = new LinkedHashMap<>();
        domainRoutes.forEach((d, h) -> hosts.put(d, h.port().isPresent() ? MailHost.of(h.name(), h.port().getAsInt())
                : MailHost.of(h.name())));
        domainRoutes = java.util.Collections.unmodifiableMap(hosts);
        for (String s : texts(transport, heloName, account, resolver, authUser, passwordSource, pins, authMechanisms,
                dnsServers, properties)) {
            if (ControlCharacters.indexOf(s) >= 0) {
                throw new IllegalArgumentException("a route value contains a control character");
            }
        }
    }

    private static List<String> texts(Optional<String> a, Optional<String> b, Optional<String> c, Optional<String> d,
                                      Optional<String> e, Optional<String> f, List<String> g, List<String> h,
                                      List<String> i, Map<String, String> j) {
        List<String> all = new ArrayList<>();
        for (Optional<String> o : List.of(a, b, c, d, e, f)) {
            o.ifPresent(all::add);
        }
        all.addAll(g);
        all.addAll(h);
        all.addAll(i);
        j.forEach((k, v) -> {
            all.add(k);
            all.add(v);
        });
        return all;
    }

    /**
     * @return the certificate checks recorded: the system's trust anchors, or the CA file, with the pins, the
     *         insecure choice, the client certificate (its key's password is never recorded), the host override,
     *         the revocation lists and the TLS versions
     */
    public TrustSettings trust() {
        TrustSettings trust = TrustSettings.SYSTEM.withPins(pins).withInsecure(tlsInsecure);
        if (caFile.isPresent()) {
            trust = trust.withCaFile(caFile.get());
        }
        if (clientCertificate.isPresent()) {
            trust = trust.withClientCertificate(new ClientCertificate(clientCertificate.get(), clientKey,
                    Optional.<Secret>empty()));
        }
        if (tlsHostOverride.isPresent()) {
            trust = trust.withHostOverride(tlsHostOverride.get());
        }
        if (crlFile.isPresent()) {
            trust = trust.withCrlFile(crlFile.get());
        }
        if (!tlsProtocols.isEmpty()) {
            trust = trust.withProtocols(tlsProtocols);
        }
        return trust;
    }

    /**
     * @return the recorded TLS mode; without one the default for the route: STARTTLS for hosts found through SRV
     *         (each then keeps its own), opportunistic for MX delivery, TLS from the start for a smart host on
     *         port 465, else STARTTLS
     */
    public TlsMode effectiveTlsMode() {
        return tlsMode.orElse(discoverSubmission ? TlsMode.STARTTLS
                : smartHost.isEmpty() ? TlsMode.OPPORTUNISTIC
                : smartHost.get().port().orElse(0) == 465 ? TlsMode.SMTPS : TlsMode.STARTTLS);
    }

    /** @return one line naming where the route goes, such as {@code smart host smtp.example.org:587 (account work)} */
    public String describe() {
        String where = smartHost.map(h -> "smart host " + h).orElse("direct MX delivery");
        if (!fallbackHosts.isEmpty()) {
            where += " then " + String.join(", ", fallbackHosts.stream().map(MailHost::toString).toList());
        }
        return where + account.map(a -> " (account " + a + ")").orElse("");
    }

    /** @return a builder with nothing chosen */
    public static QueueRouteBuilder builder() {
        return new QueueRouteBuilder();
    }
}
