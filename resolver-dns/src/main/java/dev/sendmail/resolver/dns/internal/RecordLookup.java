package dev.sendmail.resolver.dns.internal;

import dev.sendmail.api.ResolutionFailedException.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Looks up one name and type: asks the {@link DnsClient}, follows CNAMEs (inside one answer, and with a new query
 * when the server stops at an alias), and caches the outcome. Only records on the chain from the queried name
 * are believed; anything else in the answer is ignored. A chain longer than {@link #MAX_CNAMES} or one that
 * comes back to a name already seen is a {@link Reason#PERMANENT} failure.
 */
public final class RecordLookup {

    /** CNAMEs followed before giving up (resolvers commonly allow 8 to 16). */
    public static final int MAX_CNAMES = 8;
    static final long DEFAULT_NEGATIVE_TTL = 60;

    private final DnsClient client;
    private final AnswerCache cache;

    public RecordLookup(DnsClient client, AnswerCache cache) {
        this.client = client;
        this.cache = cache;
    }

    /**
     * @return FOUND with the records, NO_DATA or NO_SUCH_NAME
     * @throws LookupException TEMPORARY when no server answered; PERMANENT for a CNAME loop or an over-long chain
     */
    public DnsAnswer lookup(Name name, int type) throws LookupException {
        DnsAnswer cached = cache.get(name, type);
        if (cached != null) {
            return cached;
        }
        DnsAnswer answer = resolve(name, type);
        cache.put(name, type, answer);
        return answer;
    }

    private DnsAnswer resolve(Name name, int type) throws LookupException {
        Set<Name> seen = new HashSet<>();
        seen.add(name);
        Name current = name;
        int hops = 0;
        boolean secure = true;
        while (true) {
            Message m = client.query(current, type);
            secure &= m.getHeader().getFlag(Flags.AD);
            List<Record> answer = m.getSection(Section.ANSWER);
            long ttl = Long.MAX_VALUE;
            Name queried = current;
            while (true) {
                List<Record> found = new ArrayList<>();
                Name next = null;
                for (Record r : answer) {
                    if (!r.getName().equals(current)) {
                        continue;
                    }
                    if (r.getType() == type) {
                        found.add(r);
                    } else if (r.getType() == Type.CNAME && next == null) {
                        next = ((CNAMERecord) r).getTarget();
                        ttl = Math.min(ttl, r.getTTL());
                    }
                }
                if (!found.isEmpty()) {
                    for (Record r : found) {
                        ttl = Math.min(ttl, r.getTTL());
                    }
                    return new DnsAnswer(DnsAnswer.Status.FOUND, current, found, ttl, secure);
                }
                if (next == null) {
                    break;
                }
                hops++;
                if (!seen.add(next)) {
                    throw new LookupException(Reason.PERMANENT, "CNAME loop at " + DnsClient.printable(next)
                            + " while looking up " + Type.string(type) + " " + DnsClient.printable(name), null);
                }
                if (hops > MAX_CNAMES) {
                    throw new LookupException(Reason.PERMANENT, "more than " + MAX_CNAMES + " CNAMEs while looking up "
                            + Type.string(type) + " " + DnsClient.printable(name), null);
                }
                current = next;
            }
            if (current.equals(queried) || m.getRcode() == Rcode.NXDOMAIN) {
                DnsAnswer.Status status = m.getRcode() == Rcode.NXDOMAIN
                        ? DnsAnswer.Status.NO_SUCH_NAME : DnsAnswer.Status.NO_DATA;
                return new DnsAnswer(status, current, List.of(), Math.min(ttl, negativeTtl(m)), secure);
            }
            // the server stopped at an alias without data for its target: ask about the target itself
        }
    }

    /** RFC 2308: the SOA's TTL, but no more than its MINIMUM field. */
    static long negativeTtl(Message m) {
        for (Record r : m.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return DEFAULT_NEGATIVE_TTL;
    }
}
