package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.spi.ResolverSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ResolverConfig;

/**
 * The {@code dns} resolver's settings, validated.
 *
 * @param servers the servers to ask, in order; each query goes to the next one when one fails
 * @param timeout for one query to one server (a UDP answer truncated and retried over TCP may take twice this)
 * @param attempts how many rounds over {@code servers} before giving up
 * @param tcpOnly ask over TCP only (networks that block DNS over UDP)
 * @param order address families and their order
 * @param dnssec whether and how answers are validated
 * @param anchors the DNSSEC trust anchors; null when {@code dnssec} is {@link Dnssec#OFF}
 */
public record DnsOptions(List<InetSocketAddress> servers, Duration timeout, int attempts, boolean tcpOnly,
                         AddressOrder order, Dnssec dnssec, TrustAnchors anchors) {

    /** Whether and how answers are validated (property {@code dnssec}). */
    public enum Dnssec {
        /** No validation: every answer is unchecked, and DANE is never used. */
        OFF,
        /**
         * Validate (the default). When the servers return no DNSSEC data at all (the trust anchors' own DNSKEY
         * records come back unsigned or not at all), answers count as unchecked and the resolver says so once;
         * a bogus answer is a temporary failure.
         */
        VALIDATE,
        /** Validate, and servers without DNSSEC data are a temporary failure for every lookup. */
        REQUIRE;

        static Dnssec parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "validate", "on", "yes", "true" -> VALIDATE;
                case "require", "required" -> REQUIRE;
                case "off", "no", "false" -> OFF;
                default -> throw new IllegalArgumentException("dnssec must be validate, require or off, not '"
                        + DomainNames.shown(text.strip()) + "'");
            };
        }
    }

    /** Settings without DNSSEC validation. */
    public DnsOptions(List<InetSocketAddress> servers, Duration timeout, int attempts, boolean tcpOnly,
                      AddressOrder order) {
        this(servers, timeout, attempts, tcpOnly, order, Dnssec.OFF, null);
    }

    public static final int DNS_PORT = 53;
    public static final int MAX_SERVERS = 8;
    public static final int MAX_ATTEMPTS = 5;

    public DnsOptions {
        servers = List.copyOf(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no DNS server configured");
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts must be 1-" + MAX_ATTEMPTS + ", not " + attempts);
        }
        if (dnssec == null) {
            dnssec = Dnssec.OFF;
        }
        if (dnssec != Dnssec.OFF && anchors == null) {
            throw new IllegalArgumentException("DNSSEC validation needs trust anchors");
        }
    }

    /**
     * Reads settings. Servers are {@code host[:port]}, {@code [v6]:port} or a bare IPv6 address; empty means the
     * system's (resolv.conf). Properties: {@code attempts} (1-5, default 2), {@code tcp} ({@code true} or
     * {@code false}), {@code addresses} ({@link AddressOrder}, default {@code ipv6-first}), {@code dnssec}
     * ({@code validate}, the default, {@code require} or {@code off}), {@code dnssec-anchor} (a file of DS or
     * DNSKEY records replacing the IANA root anchors).
     *
     * @throws IllegalArgumentException with a one-line reason
     * @throws UnknownHostException when a server given by name cannot be found
     */
    public static DnsOptions from(ResolverSettings settings) throws UnknownHostException {
        List<InetSocketAddress> servers = new ArrayList<>();
        if (settings.servers().size() > MAX_SERVERS) {
            throw new IllegalArgumentException("at most " + MAX_SERVERS + " DNS servers, not " + settings.servers().size());
        }
        for (String s : settings.servers()) {
            servers.add(parseServer(s));
        }
        if (servers.isEmpty()) {
            servers.addAll(systemServers());
        }
        int attempts = 2;
        String a = settings.property("attempts").orElse(null);
        if (a != null) {
            try {
                attempts = Integer.parseInt(a.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("attempts is not a number: '" + DomainNames.shown(a.strip()) + "'");
            }
        }
        boolean tcp = parseBoolean("tcp", settings.property("tcp").orElse("false"));
        AddressOrder order = AddressOrder.parse(settings.property("addresses").orElse("ipv6-first"));
        Dnssec dnssec = Dnssec.parse(settings.property("dnssec").orElse("validate"));
        TrustAnchors anchors = null;
        if (dnssec != Dnssec.OFF) {
            anchors = settings.property("dnssec-anchor").map(f -> TrustAnchors.read(java.nio.file.Path.of(f)))
                    .orElseGet(TrustAnchors::root);
        }
        return new DnsOptions(servers, settings.timeout(), attempts, tcp, order, dnssec, anchors);
    }

    /** Parses one server, {@code host[:port]}; a name is looked up with the system resolver. */
    public static InetSocketAddress parseServer(String text) throws UnknownHostException {
        MailHost h;
        try {
            h = MailHost.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid DNS server '" + DomainNames.shown(text.strip()) + "': "
                    + DomainNames.shown(e.getMessage()));
        }
        InetAddress address = InetAddress.getByName(h.name());
        return new InetSocketAddress(InetAddress.getByAddress(address.getAddress()), h.port().orElse(DNS_PORT));
    }

    private static List<InetSocketAddress> systemServers() {
        List<InetSocketAddress> found = ResolverConfig.getCurrentConfig().servers();
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no DNS server configured and none found in the system configuration");
        }
        return found.subList(0, Math.min(found.size(), MAX_SERVERS));
    }

    private static boolean parseBoolean(String key, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false, not '"
                    + DomainNames.shown(value.strip()) + "'");
        };
    }
}
