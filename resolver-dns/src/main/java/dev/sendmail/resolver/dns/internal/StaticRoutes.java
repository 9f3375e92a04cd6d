package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.MailHost;
import dev.sendmail.api.ResolutionFailedException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Routes read from resolver properties; a pure parser with bounds. The format:
 * <pre>
 *   route.&lt;domain&gt;=host[:port][,host[:port]...]     hosts in the order to try
 *   routes=&lt;domain&gt;=host[:port][,&lt;domain&gt;=host[:port]...]   a domain named twice gets both hosts, in order
 * </pre>
 * {@code <domain>} is a domain name, {@code *.example.org} (any name below example.org, not example.org itself;
 * the longest such suffix wins) or {@code *} (every other domain). A host is a name, an IPv4 address or
 * {@code [IPv6]}, each with an optional {@code :port}; an address is used as is, a name is left for the transport
 * to look up. Other property keys are ignored. Lookups: exact domain, then the longest wildcard, then {@code *}.
 */
public final class StaticRoutes {

    public static final String PREFIX = "route.";
    public static final String LIST_KEY = "routes";
    public static final int MAX_ROUTES = 1000;
    public static final int MAX_HOSTS_PER_ROUTE = 32;
    public static final int MAX_VALUE_LENGTH = 64 * 1024;

    private final Map<String, List<MailHost>> exact;
    /** Keyed by the suffix with its leading dot (".example.org"). */
    private final Map<String, List<MailHost>> wildcards;
    private final Optional<List<MailHost>> fallback;

    private StaticRoutes(Map<String, List<MailHost>> all) {
        Map<String, List<MailHost>> e = new LinkedHashMap<>();
        Map<String, List<MailHost>> w = new TreeMap<>();
        List<MailHost> f = null;
        for (Map.Entry<String, List<MailHost>> en : all.entrySet()) {
            String k = en.getKey();
            if (k.equals("*")) {
                f = List.copyOf(en.getValue());
            } else if (k.startsWith("*.")) {
                w.put(k.substring(1), List.copyOf(en.getValue()));
            } else {
                e.put(k, List.copyOf(en.getValue()));
            }
        }
        this.exact = Map.copyOf(e);
        this.wildcards = Map.copyOf(w);
        this.fallback = Optional.ofNullable(f);
    }

    /**
     * Parses every {@code route.*} and {@code routes} property.
     *
     * @throws IllegalArgumentException with a one-line reason naming the bad property
     */
    public static StaticRoutes parse(Map<String, String> properties) {
        Map<String, List<MailHost>> all = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : new TreeMap<>(properties).entrySet()) {
            String key = p.getKey().strip();
            String label = shown(key);
            String value = p.getValue();
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(label + ": value is too long");
            }
            if (key.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                String domain = domainKey(key.substring(PREFIX.length()), label);
                for (String h : items(value, label)) {
                    add(all, domain, host(h, label), label);
                }
            } else if (key.equalsIgnoreCase(LIST_KEY)) {
                for (String item : items(value, label)) {
                    int eq = item.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException(label + ": expected domain=host[:port], got '" + shown(item) + "'");
                    }
                    add(all, domainKey(item.substring(0, eq), label), host(item.substring(eq + 1), label), label);
                }
            }
        }
        return new StaticRoutes(all);
    }

    /** True when no route is configured. */
    public boolean isEmpty() {
        return exact.isEmpty() && wildcards.isEmpty() && fallback.isEmpty();
    }

    /** The hosts for {@code domain} (ASCII), or empty when no route matches. */
    public Optional<List<MailHost>> find(String domain) {
        String d = domain.strip().toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        List<MailHost> hosts = exact.get(d);
        if (hosts != null) {
            return Optional.of(hosts);
        }
        for (int dot = d.indexOf('.'); dot >= 0; dot = d.indexOf('.', dot + 1)) {
            hosts = wildcards.get(d.substring(dot));
            if (hosts != null) {
                return Optional.of(hosts);
            }
        }
        return fallback;
    }

    private static void add(Map<String, List<MailHost>> all, String domain, MailHost host, String key) {
        List<MailHost> list = all.computeIfAbsent(domain, k -> new ArrayList<>());
        if (all.size() > MAX_ROUTES) {
            throw new IllegalArgumentException(key + ": more than " + MAX_ROUTES + " routes");
        }
        if (list.size() >= MAX_HOSTS_PER_ROUTE) {
            throw new IllegalArgumentException(key + ": more than " + MAX_HOSTS_PER_ROUTE + " hosts for " + domain);
        }
        list.add(host);
    }

    private static List<String> items(String value, String key) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String s = part.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException(key + ": empty entry in '" + shown(value) + "'");
            }
            out.add(s);
        }
        return out;
    }

    private static String domainKey(String text, String key) {
        String d = text.strip().toLowerCase(Locale.ROOT);
        if (d.equals("*")) {
            return d;
        }
        String name = d.startsWith("*.") ? d.substring(2) : d;
        try {
            DomainNames.parse(name);
        } catch (ResolutionFailedException e) {
            throw new IllegalArgumentException(key + ": invalid domain '" + shown(text.strip()) + "'");
        }
        if (name.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        return d;
    }

    private static MailHost host(String text, String key) {
        MailHost h;
        try {
            h = MailHost.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + shown(e.getMessage()));
        }
        Optional<InetAddress> ip;
        try {
            ip = ipAddress(h.name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
        if (ip.isPresent()) {
            return h.withAddresses(List.of(ip.get()));
        }
        try {
            DomainNames.parse(h.name());
        } catch (ResolutionFailedException e) {
            throw new IllegalArgumentException(key + ": invalid host '" + shown(text) + "'");
        }
        return h;
    }

    /** An IPv4 dotted quad or an IPv6 address, parsed without DNS; empty for a name. */
    static Optional<InetAddress> ipAddress(String s) {
        boolean v4 = s.matches("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
        boolean v6 = s.indexOf(':') >= 0 && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            if (s.indexOf(':') >= 0) {
                throw new IllegalArgumentException("invalid IPv6 address '" + shown(s) + "'");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address '" + shown(s) + "'");
        }
    }

    private static String shown(String s) {
        return DomainNames.shown(s);
    }
}
