package dev.sendmail.config;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.Timeouts;
import dev.sendmail.api.TlsMode;
import dev.sendmail.api.TransportSettings;
import dev.sendmail.local.FullyQualifiedName;
import dev.sendmail.spi.MailRoute;
import dev.sendmail.spi.ResolverSettings;
import dev.sendmail.spi.TranscriptListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@link ServerSettings} mean for the parts a {@link dev.sendmail.api.Sender} is built from: the transport's
 * settings, the resolver's settings, and the route through the smart hosts. Pure mappings; stateless.
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
}
