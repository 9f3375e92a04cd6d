package dev.sendmail.resolver.dns.internal;

import java.util.Locale;
import org.xbill.DNS.Type;

/** Which address families to look up for a host, and which comes first in {@code MailHost.addresses()}. */
public enum AddressOrder {
    IPV6_FIRST(Type.AAAA, Type.A),
    IPV4_FIRST(Type.A, Type.AAAA),
    IPV4_ONLY(Type.A),
    IPV6_ONLY(Type.AAAA);

    private final int[] types;

    AddressOrder(int... types) {
        this.types = types;
    }

    /** The record types to query, in order. */
    public int[] types() {
        return types.clone();
    }

    /** The property value, such as {@code ipv6-first}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@code ipv6-first}, {@code ipv4-first}, {@code ipv4-only} or {@code ipv6-only}. */
    public static AddressOrder parse(String text) {
        for (AddressOrder o : values()) {
            if (o.text().equalsIgnoreCase(text.strip())) {
                return o;
            }
        }
        throw new IllegalArgumentException("addresses must be ipv6-first, ipv4-first, ipv4-only or ipv6-only, not '"
                + DomainNames.shown(text.strip()) + "'");
    }
}
