package dev.sendmail.resolver.dns.internal;

import java.util.List;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The outcome of looking up one name and type, after following CNAMEs.
 *
 * @param status what was found
 * @param name the canonical name (the end of the CNAME chain; the queried name when there was none)
 * @param records the records of the queried type owned by {@code name}; empty unless {@link Status#FOUND}
 * @param ttlSeconds how long the answer may be cached
 * @param secure DNSSEC validated every message of the answer (every alias on the way included)
 */
public record DnsAnswer(Status status, Name name, List<Record> records, long ttlSeconds, boolean secure) {

    /** What was found. */
    public enum Status {
        /** Records of the type exist. */
        FOUND,
        /** The name exists but has no records of the type (NOERROR, empty answer). */
        NO_DATA,
        /** The name does not exist (NXDOMAIN). */
        NO_SUCH_NAME
    }

    public DnsAnswer {
        records = List.copyOf(records);
        if ((status == Status.FOUND) == records.isEmpty()) {
            throw new IllegalArgumentException("FOUND needs records, and only FOUND has them");
        }
    }

    /** An answer that was not validated. */
    public DnsAnswer(Status status, Name name, List<Record> records, long ttlSeconds) {
        this(status, name, records, ttlSeconds, false);
    }
}
