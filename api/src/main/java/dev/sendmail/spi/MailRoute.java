package dev.sendmail.spi;

import dev.sendmail.api.MailHost;
import java.util.List;

/**
 * Where a domain's mail goes: its hosts in the order to try them, and why.
 *
 * @param domain the domain (ASCII) or address literal
 * @param kind where the hosts came from
 * @param hosts the hosts in order, each with its addresses; never empty
 * @param dnssec what DNSSEC validation said about the records the route came from (the MX records, or the
 *        domain's addresses for an implicit MX); {@link DnssecStatus#UNCHECKED} when nothing was validated
 */
public record MailRoute(String domain, Kind kind, List<MailHost> hosts, DnssecStatus dnssec) {

    /** Where the hosts came from. */
    public enum Kind {
        /** MX records, sorted by preference, ties shuffled. */
        MX,
        /** No MX record: the domain's own A/AAAA records (RFC 5321 5.1 implicit MX). */
        IMPLICIT_MX,
        /** An address literal such as {@code [192.0.2.1]}: no DNS. */
        ADDRESS_LITERAL,
        /** A configured route ({@code --route}, or the {@code static} resolver). */
        STATIC,
        /** Submission servers from SRV records (RFC 6186, RFC 8314), in RFC 2782 order. */
        SRV
    }

    /**
     * Checks the components; lists and maps are copied.
     *
     * @param domain the domain (ASCII) or address literal
     * @param kind where the hosts came from
     * @param hosts the hosts in order, each with its addresses; never empty
     * @param dnssec what DNSSEC validation said about the route's records; null means unchecked
     */
    public MailRoute {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one host");
        }
        dnssec = dnssec == null ? DnssecStatus.UNCHECKED : dnssec;
    }

    /**
     * A route whose records were not validated.
     *
     * @param domain the domain (ASCII) or address literal
     * @param kind where the hosts came from
     * @param hosts the hosts in order, each with its addresses; never empty
     */
    public MailRoute(String domain, Kind kind, List<MailHost> hosts) {
        this(domain, kind, hosts, DnssecStatus.UNCHECKED);
    }
}
